/* Progressive enhancement only: every page is complete without this file.
   - entity index: filter box, sort by name or by number of articles;
   - timeline: filter by entity kind or entity name, jump to a year on the page;
   - search page: search box, filters and results on Pagefind's JavaScript API. */
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

  // --- search: Pagefind's JavaScript API, every value from the index printed as text ---

  var PAGE_SIZE = 10;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpts are escaped text with <mark> around the words found: rebuild them as
  // text nodes and <mark> elements, so that nothing in them is ever parsed as HTML.
  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };
  function excerptInto(target, excerpt) {
    var marked = false;
    String(excerpt || "").split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>" || part === "</mark>") { marked = part === "<mark>"; return; }
      var text = part.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, function (e) { return ENTITIES[e]; });
      if (!text) return;
      target.appendChild(marked ? element("mark", "", text) : document.createTextNode(text));
    });
  }

  function searchUnavailable(box) {
    box.textContent = "";
    box.appendChild(element("p", "notice", box.dataset.unavailable));
  }

  function search() {
    var box = document.getElementById("search");
    if (!box) return;
    // Pagefind fetches its index, which browsers refuse for pages opened as files.
    if (window.location.protocol === "file:") { searchUnavailable(box); return; }
    // Result URLs are stored from the site root; the root's path makes them work from a
    // sub-path.
    var root = new URL(box.dataset.siteRoot || "./", window.location.href);
    var bundle = new URL("pagefind/", root);
    import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
      return Promise.resolve(pagefind.options({ baseUrl: root.pathname }))
        .then(function () { return shardBundles(bundle); })
        .then(function (shards) {
          // The index is in shards (the oldest articles in pagefind/, the others in
          // pagefind/shard-<k>/): one search over all of them, results and filters merged.
          return Promise.all(shards.map(function (shard) {
            return pagefind.mergeIndex(shard, { baseUrl: root.pathname });
          }));
        })
        .then(function () { return pagefind.filters(); })
        .then(function (filters) { searchBox(box, pagefind, filters || {}); });
    }).catch(function () { searchUnavailable(box); });
  }

  // pagefind/shards.json lists the other shards' bundles, relative to pagefind/; only names of
  // the form "shard-<number>/" are followed.
  function shardBundles(bundle) {
    return fetch(new URL("shards.json", bundle).href, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("no pagefind/shards.json");
      return response.json();
    }).then(function (listed) {
      var names = (listed && Array.isArray(listed.bundles)) ? listed.bundles : [];
      return names.filter(function (name) { return /^shard-[1-9][0-9]*\/$/.test(name); })
        .map(function (name) { return new URL(name, bundle).href; });
    });
  }

  function searchBox(box, pagefind, filters) {
    var labels = JSON.parse(box.dataset.filterLabels || "{}");
    var form = element("form", "search-form");
    form.setAttribute("role", "search");
    var label = element("label", "visually-hidden", box.dataset.label);
    label.htmlFor = "search-input";
    var input = element("input", "search-input");
    input.id = "search-input";
    input.type = "search";
    input.autocomplete = "off";
    form.appendChild(label);
    form.appendChild(input);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

    var panel = element("div", "search-filters");
    var keys = Object.keys(labels).filter(function (key) { return filters[key]; });
    Object.keys(filters).sort().forEach(function (key) { if (keys.indexOf(key) === -1) keys.push(key); });
    keys.forEach(function (key) {
      var values = Object.keys(filters[key]);
      if (!values.length) return;
      values.sort(key === "year"
        ? function (a, b) { return b.localeCompare(a); }
        : function (a, b) { return a.localeCompare(b, document.documentElement.lang); });
      var group = element("details", "search-filter");
      group.appendChild(element("summary", "", labels[key] || key));
      values.forEach(function (value) {
        var option = element("label");
        var checkbox = element("input", "search-filter-checkbox");
        checkbox.type = "checkbox";
        checkbox.name = key;
        checkbox.value = value;
        checkbox.addEventListener("change", run);
        option.appendChild(checkbox);
        option.appendChild(document.createTextNode(" " + value + " (" + filters[key][value] + ")"));
        group.appendChild(option);
      });
      panel.appendChild(group);
    });

    var message = element("p", "search-message");
    message.setAttribute("role", "status");
    var results = element("ol", "search-results");
    var more = element("button", "search-more", box.dataset.more);
    more.type = "button";
    more.hidden = true;
    box.textContent = "";
    [form, panel, message, results, more].forEach(function (node) { box.appendChild(node); });

    var current = 0;
    var found = [];
    var timer = null;

    function chosen() {
      var picked = {};
      panel.querySelectorAll("input:checked").forEach(function (checkbox) {
        (picked[checkbox.name] = picked[checkbox.name] || { any: [] }).any.push(checkbox.value);
      });
      return picked;
    }

    function say(count, term) {
      var template = term
        ? (count === 0 ? box.dataset.noResult : (count === 1 ? box.dataset.oneResult : box.dataset.results))
        : (count === 1 ? box.dataset.oneFiltered : box.dataset.filteredResults);
      message.textContent = template.replace("{count}", count).replace("{term}", term);
    }

    function show(search) {
      var batch = found.slice(results.children.length, results.children.length + PAGE_SIZE);
      return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
        if (search !== current) return;
        pages.forEach(function (data) {
          var item = element("li");
          var link = element("a", "search-result-link", (data.meta && data.meta.title) || data.url);
          link.href = data.url;
          var title = element("p", "search-result-title");
          title.appendChild(link);
          item.appendChild(title);
          if (data.meta && data.meta.date) item.appendChild(element("p", "search-result-date muted", data.meta.date));
          var excerpt = element("p", "search-result-excerpt");
          excerptInto(excerpt, data.excerpt);
          item.appendChild(excerpt);
          results.appendChild(item);
        });
        more.hidden = results.children.length >= found.length;
      });
    }

    function run() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var term = input.value.trim();
        var picked = chosen();
        var search = ++current;
        results.textContent = "";
        more.hidden = true;
        if (!term && !Object.keys(picked).length) {
          message.textContent = "";
          box.removeAttribute("aria-busy");
          return;
        }
        box.setAttribute("aria-busy", "true");
        message.textContent = box.dataset.searching;
        Promise.resolve(pagefind.search(term || null, { filters: picked })).then(function (response) {
          if (search !== current) return null;
          found = (response && response.results) || [];
          return show(search).then(function () { say(found.length, term); });
        }).catch(function () {
          message.textContent = box.dataset.unavailable;
        }).then(function () {
          if (search === current) box.removeAttribute("aria-busy");
        });
      }, 300);
    }

    input.addEventListener("input", run);
    more.addEventListener("click", function () { show(current); });
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
