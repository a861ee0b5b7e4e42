// The search box in the header (generator/theme/partials/search.html): Pagefind's component UI,
// loaded on first use. Until then the page has only a button, so a page view fetches no search
// code and no index. On click, Ctrl+K / Cmd+K or "/" this adds Pagefind's stylesheet and script
// (site/pagefind/, built by generator/search.py) and a <pagefind-modal>, then opens it. The dialog
// holds the query box, filters (outlet, year, tag, place, actor), the result count read out to
// screen readers, and results that show each page's kind, date, outlet and sourcing bar (the
// data-pagefind-meta of generator/templates/_search_data.j2).
(function () {
  "use strict";
  var button = document.querySelector("[data-digest-search-root]");
  if (!button) return;
  // the site's root as an absolute path ("/" or "/sub/folder/"): Pagefind's result URLs start at it
  var root = new URL(button.getAttribute("data-digest-search-root"), location.href);
  var bundle = new URL("pagefind/", root);
  var FILTERS = [["outlet", "Outlet"], ["year", "Year"], ["tag", "Tag"], ["place", "Place"], ["actor", "Actor"]];
  // adequate-little-templates (Pagefind's): {{ x }} is escaped, {{+ x +}} is not (the excerpt is
  // Pagefind's own HTML, page text escaped, with <mark> around the matches)
  var RESULT = [
    '<li class="pf-result"><div class="pf-result-card"><div class="pf-result-content">',
    '<p class="pf-result-title"><a class="pf-result-link" href="{{ meta.url | default(url) | safeUrl }}">{{ meta.title }}</a></p>',
    '<p class="digest-result__meta">{{ meta.kind | default("Page") }}',
    '{{#if meta.date}} · {{ meta.date }}{{/if}}{{#if meta.outlet}} · {{ meta.outlet }}{{/if}}</p>',
    '{{#if meta.sourcing}}<p class="digest-result__sourcing">{{ meta.sourcing }}</p>{{/if}}',
    '{{#if excerpt}}<p class="pf-result-excerpt">{{+ excerpt +}}</p>{{/if}}',
    "</div></div></li>"
  ].join("");
  var loading = null;

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      document.head.appendChild(element("link", {rel: "stylesheet", href: new URL("pagefind-component-ui.css", bundle).href}));
      var template = element("script", {type: "text/pagefind-template"});
      template.textContent = RESULT;
      var filters = element("div", {"class": "digest-search__filters", role: "group", "aria-label": "Filter the results"},
        FILTERS.map(function (f) { return element("pagefind-filter-dropdown", {filter: f[0], label: f[1]}); }));
      var modal = element("pagefind-modal", {"class": "digest-search__modal"}, [
        element("pagefind-modal-header", {}, [element("pagefind-input", {placeholder: "Search articles, people, places, sources"})]),
        element("pagefind-modal-body", {}, [filters, element("pagefind-summary"), element("pagefind-results", {}, [template])]),
        element("pagefind-modal-footer", {}, [element("pagefind-keyboard-hints")])
      ]);
      document.body.appendChild(element("pagefind-config", {"bundle-path": bundle.pathname, "base-url": root.pathname}));
      document.body.appendChild(modal);
      var script = element("script", {src: new URL("pagefind-component-ui.js", bundle).href});
      script.onload = function () {
        deferFilters();
        customElements.whenDefined("pagefind-modal").then(function () { ready(modal, resolve, 0); });
      };
      script.onerror = function () { loading = null; reject(new Error("search: cannot load " + script.src)); };
      document.head.appendChild(script);
    });
    return loading;
  }

  // Pagefind's component UI asks for every filter's values as soon as it loads, and Pagefind then
  // fetches every filter chunk: all actors and places of the archive (about 30 KB at 300 articles,
  // growing with it) before the first result. Deferred here until the reader opens a filter: the
  // instance's Pagefind object (created on the first search) answers "no filters" until then, and
  // the first opened filter loads them all and runs the current search again, so its options
  // get their counts. A search with a filter chosen loads only that filter's chunk.
  // (Relies on the component UI 1.5's instance fields; tests/test_search.py fails if they change.)
  function deferFilters() {
    var components = window.PagefindComponents;
    if (!components || !components.getInstanceManager) return;
    var instance = components.getInstanceManager().getInstance("default");
    var pagefind = null, wanted = false, all = null;
    Object.defineProperty(instance, "__pagefind__", {
      configurable: true,
      get: function () { return pagefind; },
      set: function (value) {
        pagefind = value;
        if (value && typeof value.filters === "function" && !all) {
          all = value.filters.bind(value);
          value.filters = function () { return wanted ? all() : Promise.resolve({}); };
        }
      }
    });
    document.addEventListener("click", function (event) {
      if (wanted || !event.target.closest || !event.target.closest("pagefind-filter-dropdown")) return;
      wanted = true;
      instance.__load__().then(function () { return pagefind ? pagefind.filters() : {}; }).then(function (filters) {
        instance.availableFilters = filters;
        instance.totalFilters = filters;
        instance.__dispatch__("filters", {available: filters, total: filters});
        if (instance.searchTerm) instance.triggerSearch(instance.searchTerm);
      });
    }, true);
  }

  // the modal renders its <dialog> once its Pagefind instance is set up: wait for it (bounded)
  function ready(modal, resolve, tries) {
    var dialog = modal.querySelector("dialog");
    if (dialog || tries > 200) {
      if (dialog) dialog.setAttribute("aria-label", "Search this site");
      resolve(modal);
    } else {
      setTimeout(function () { ready(modal, resolve, tries + 1); }, 10);
    }
  }

  function open() {
    button.setAttribute("aria-expanded", "true");
    load().then(function (modal) {
      modal.open();
      var dialog = modal.querySelector("dialog");
      if (dialog && !dialog.dataset.digestWatched) {
        dialog.dataset.digestWatched = "1";
        dialog.addEventListener("close", function () {
          button.setAttribute("aria-expanded", "false");
          button.focus();
        });
      }
    }, function (error) {
      button.setAttribute("aria-expanded", "false");
      console.error(error.message);
    });
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", open);
  document.addEventListener("keydown", function (event) {
    var shortcut = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey;
    var slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
    if ((shortcut || slash) && !document.querySelector("dialog[open]")) {
      event.preventDefault();
      open();
    }
  });
})();
