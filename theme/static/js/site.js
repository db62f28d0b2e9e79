/* Progressive enhancement only: every page is complete without this file.
   - entity index: filter box, sort by name or by number of articles;
   - timeline: filter by entity kind or entity name, jump to a year on the page;
   - search page: start Pagefind UI (its script is loaded by search.html). */
(function () {
  "use strict";

  function status(tools, shown, total) {
    var out = tools.querySelector("[data-status]");
    if (out) {
      out.textContent = out.getAttribute("data-template")
        .replace("{shown}", shown).replace("{total}", total);
    }
  }

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim();
  }

  function entityIndex() {
    var tools = document.querySelector("[data-entity-tools]");
    if (!tools) return;
    var input = tools.querySelector("input");
    var items = Array.prototype.slice.call(document.querySelectorAll(".entity-list li"));
    items.forEach(function (li) { li.dataset.key = normalise(li.dataset.name || ""); });

    function filter() {
      var query = normalise(input.value);
      var shown = 0;
      items.forEach(function (li) {
        var match = !query || li.dataset.key.indexOf(query) !== -1;
        li.hidden = !match;
        if (match) shown += 1;
      });
      status(tools, shown, items.length);
    }

    function sort(by) {
      document.querySelectorAll(".entity-list").forEach(function (list) {
        var rows = Array.prototype.slice.call(list.children);
        rows.sort(function (a, b) {
          if (by === "count") {
            var diff = Number(b.dataset.count) - Number(a.dataset.count);
            if (diff) return diff;
          }
          return a.dataset.key.localeCompare(b.dataset.key, document.documentElement.lang);
        });
        rows.forEach(function (row) { list.appendChild(row); });
      });
      tools.querySelectorAll("[data-sort]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.sort === by));
      });
    }

    input.addEventListener("input", filter);
    tools.querySelectorAll("[data-sort]").forEach(function (button) {
      button.addEventListener("click", function () { sort(button.dataset.sort); });
    });
    tools.hidden = false;
  }

  function timeline() {
    var tools = document.querySelector("[data-timeline-tools]");
    if (!tools) return;
    var kind = tools.querySelector("select");
    var input = tools.querySelector("input");
    var entries = Array.prototype.slice.call(document.querySelectorAll("li.entry"));
    entries.forEach(function (li) { li.dataset.key = normalise(li.dataset.entities || ""); });

    function filter() {
      var wanted = kind.value;
      var query = normalise(input.value);
      var shown = 0;
      entries.forEach(function (li) {
        var kinds = (li.dataset.kinds || "").split(" ");
        var match = (!wanted || kinds.indexOf(wanted) !== -1) &&
          (!query || li.dataset.key.indexOf(query) !== -1);
        li.hidden = !match;
        if (match) shown += 1;
      });
      // Hide days, months and years left empty.
      document.querySelectorAll(".timeline-day, .timeline-month, .timeline-year").forEach(function (box) {
        box.hidden = !box.querySelector("li.entry:not([hidden])");
      });
      status(tools, shown, entries.length);
    }

    kind.addEventListener("change", filter);
    input.addEventListener("input", filter);
    tools.hidden = false;

    // Jump by year: a year shown on this page is reached in place.
    document.querySelectorAll(".years a[data-year]").forEach(function (link) {
      var target = document.getElementById("year-" + link.dataset.year);
      if (target) link.setAttribute("href", "#year-" + link.dataset.year);
    });
  }

  function search() {
    var box = document.getElementById("search");
    if (!box) return;
    // Pagefind fetches its index, which browsers refuse for pages opened as files.
    if (typeof window.PagefindUI !== "function" || window.location.protocol === "file:") {
      var p = document.createElement("p");
      p.className = "notice";
      p.textContent = box.dataset.unavailable;
      box.appendChild(p);
      return;
    }
    // Pagefind stores result URLs from the site root; the root's path makes them work
    // when the site is served from a sub-path.
    var root = new URL(box.dataset.siteRoot || "./", window.location.href).pathname;
    new window.PagefindUI({ element: "#search", baseUrl: root, showSubResults: true, showImages: false });
    // Pagefind labels its input with a placeholder only; give it a real accessible name.
    var input = box.querySelector("input");
    if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", box.dataset.label);
    // Filter names are the index's keys (person, year...): show them in the page's language.
    var labels = JSON.parse(box.dataset.filterLabels || "{}");
    new MutationObserver(function () {
      box.querySelectorAll(".pagefind-ui__filter-name").forEach(function (name) {
        var label = labels[name.textContent.trim().toLowerCase()];
        if (label && name.textContent !== label) name.textContent = label;
      });
    }).observe(box, { childList: true, subtree: true });
  }

  function start() {
    entityIndex();
    timeline();
    search();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
