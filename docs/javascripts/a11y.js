// Material renders its search box as role="dialog" with no accessible name (axe-core's
// aria-dialog-name, a serious violation): screen readers announce it as an unnamed dialog.
// Name it, and the form inside, after the label Material itself uses for the input.
(function () {
  function label() {
    var dialog = document.querySelector('[data-md-component="search"][role="dialog"]');
    if (!dialog) return;
    var input = dialog.querySelector(".md-search__input");
    var name = (input && input.getAttribute("aria-label")) || "Search";
    if (!dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", name);
    var form = dialog.querySelector("form");
    if (form && !form.hasAttribute("role")) {
      form.setAttribute("role", "search");
      form.setAttribute("aria-label", name);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", label);
  else label();
})();
