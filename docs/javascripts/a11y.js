// Accessible names the page's widgets leave out. Material's own search dialog is gone (Pagefind's
// replaced it: javascripts/search.js names its dialog "Search this site" when it opens); what is
// left to name is in that dialog: Pagefind's close button, labelled only "close", and each filter's
// button, whose visible label the component hides when the site has no value for that filter
// (axe-core's button-name, critical). Named once they exist, and again when they re-render.
(function () {
  function label(root) {
    var close = root.querySelector && root.querySelector("pagefind-modal .pf-modal-close");
    if (close && close.getAttribute("aria-label") === "close") close.setAttribute("aria-label", "Close search");
    root.querySelectorAll("pagefind-filter-dropdown[label] .pf-dropdown-trigger:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", "Filter by " + button.closest("pagefind-filter-dropdown").getAttribute("label").toLowerCase());
    });
  }
  new MutationObserver(function () { label(document); }).observe(document.documentElement, {childList: true, subtree: true});
})();
