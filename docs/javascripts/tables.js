// Filter and sort the big index tables (Actors, Places, Sources): tables the generator marks with
// data-digest-table="actors". Without JavaScript they are plain tables, already in a useful order
// (most articles first); with it, a labelled text box above the table hides the rows that do not
// match, and each column header is a button that sorts by that column (aria-sort tells which).
//
// Built for 10,000 rows: each row's text is read once (lower case, accents folded, so "sanchez"
// finds "Sánchez"), filtering only flips the hidden property of the rows whose state changes, and
// sorting reorders the rows in one DocumentFragment. No library, nothing fetched.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc]/g, "'")
      .toLowerCase();
  }

  function number(text) {
    var t = text.replace(/[,\s]/g, "");
    return /^-?\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
  }

  function enhance(table, index) {
    if (table.hasAttribute("data-digest-ready")) return;
    table.setAttribute("data-digest-ready", "");
    var what = table.getAttribute("data-digest-table") || "rows";
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var texts = rows.map(function (row) { return fold(row.textContent); });
    var cells = rows.map(function (row) {
      return Array.prototype.map.call(row.cells, function (cell) { return cell.textContent.trim(); });
    });
    var original = rows.map(function (_, i) { return i; });
    var order = original.slice();
    var shown = rows.length;

    // The filter box and a live count, before the table (or before Material's scroll wrapper).
    var anchor = table.closest(".md-typeset__scrollwrap") || table;
    var box = document.createElement("div");
    box.className = "digest-filter";
    var id = "digest-filter-" + index;
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = "Filter " + what;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", table.id || (table.id = "digest-table-" + index));
    var count = document.createElement("p");
    count.className = "digest-filter-count";
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    anchor.parentNode.insertBefore(box, anchor);

    function showCount() {
      count.textContent = shown === rows.length ? rows.length + " " + what
        : shown + " of " + rows.length + " " + what + " shown";
    }

    var pending = null;
    function filter() {
      pending = null;
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var match = true;
        for (var w = 0; w < words.length && match; w++) match = texts[i].indexOf(words[w]) !== -1;
        if (rows[i].hidden === match) rows[i].hidden = !match;
        if (match) shown++;
      }
      showCount();
    }
    input.addEventListener("input", function () {
      // one filter pass per frame however fast the reader types
      if (pending === null) pending = window.requestAnimationFrame(filter);
    });

    // Sortable headers: a button in each <th>; a second press reverses the order.
    var headers = Array.prototype.slice.call(table.tHead ? table.tHead.rows[0].cells : []);
    headers.forEach(function (th, column) {
      var text = th.textContent.trim();
      if (!text) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "digest-sort";
      button.textContent = text;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(column, th); });
    });

    function sortBy(column, th) {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var numeric = cells.every(function (c) { return c[column] === undefined || number(c[column]) !== null; });
      var keys = cells.map(function (c) {
        var v = c[column] || "";
        return numeric ? number(v) : fold(v);
      });
      order = original.slice().sort(function (a, b) {
        var x = keys[a], y = keys[b];
        var d = numeric ? x - y : (x < y ? -1 : x > y ? 1 : 0);
        if (!ascending) d = -d;
        return d || a - b; // ties keep the generator's order
      });
      var fragment = document.createDocumentFragment();
      order.forEach(function (i) { fragment.appendChild(rows[i]); });
      body.appendChild(fragment);
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    }

    showCount();
  }

  function init() {
    var tables = document.querySelectorAll("table[data-digest-table]");
    for (var i = 0; i < tables.length; i++) enhance(tables[i], i);
  }

  // Material wraps tables after load; with instant navigation it swaps pages without a reload.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
