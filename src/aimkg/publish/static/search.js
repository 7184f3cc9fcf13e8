// aimkg site search: reads search.json (written by `aimkg site`) and matches as you type. No library, no CDN.
"use strict";
(function () {
  var LIMIT = 12;
  var KIND_WEIGHT = { "version": 3, "model line": 2, "maker": 1, "platform": 1 };

  function words(text) {
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  }

  function prepare(document) {
    return document.entries.map(function (entry) {
      var name = words(entry[0]);
      return { name: entry[0], kind: entry[1], path: entry[2], detail: entry[4],
               nameWords: name, allWords: name.concat(words(entry[3])) };
    });
  }

  // Where the query's words start words of the name in the same order, one after another.
  function inOrder(query, name) {
    for (var start = 0; start + query.length <= name.length; start++) {
      var ok = true;
      for (var i = 0; i < query.length; i++) {
        var word = name[start + i];
        if (i < query.length - 1 ? word !== query[i] : word.indexOf(query[i]) !== 0) { ok = false; break; }
      }
      if (ok) return true;
    }
    return false;
  }

  function score(entry, query) {
    var total = 0;
    for (var i = 0; i < query.length; i++) {
      var best = 0;
      for (var j = 0; j < entry.allWords.length; j++) {
        var word = entry.allWords[j];
        if (word === query[i]) { best = 3; break; }
        if (word.indexOf(query[i]) === 0) best = Math.max(best, 1);
      }
      if (!best) return 0;
      total += best;
    }
    if (inOrder(query, entry.nameWords)) total += 6;
    total += KIND_WEIGHT[entry.kind] || 0;
    return total - entry.nameWords.length * 0.25;
  }

  function search(entries, text) {
    var query = words(text);
    if (!query.length) return [];
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var value = score(entries[i], query);
      if (value > 0) found.push([value, entries[i]]);
    }
    found.sort(function (a, b) { return b[0] - a[0] || a[1].name.localeCompare(b[1].name); });
    return found.slice(0, LIMIT).map(function (pair) { return pair[1]; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.search");
    if (!form) return;
    var input = form.querySelector("input[type=search]");
    var list = document.getElementById("search-results");
    var root = form.getAttribute("data-root") || "";
    var entries = null, loading = null, selected = -1;

    function load() {
      if (!loading) {
        loading = fetch(root + "search.json").then(function (response) { return response.json(); })
          .then(function (document) { entries = prepare(document); });
      }
      return loading;
    }

    function show(results) {
      list.textContent = "";
      selected = -1;
      results.forEach(function (entry, index) {
        var item = document.createElement("li");
        item.setAttribute("role", "option");
        var link = document.createElement("a");
        link.href = root + entry.path;
        link.id = "search-result-" + index;
        link.appendChild(document.createTextNode(entry.name));
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = entry.kind;
        link.appendChild(kind);
        if (entry.detail) {
          var detail = document.createElement("span");
          detail.className = "detail";
          detail.textContent = entry.detail;
          link.appendChild(detail);
        }
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = !results.length;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
    }

    function select(index) {
      var links = list.querySelectorAll("a");
      if (!links.length) return;
      selected = (index + links.length) % links.length;
      Array.prototype.forEach.call(links, function (link, i) {
        link.setAttribute("aria-selected", i === selected ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", links[selected].id);
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () {
      load().then(function () { show(search(entries, input.value)); });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { select(selected + 1); event.preventDefault(); }
      else if (event.key === "ArrowUp") { select(selected - 1); event.preventDefault(); }
      else if (event.key === "Escape") { show([]); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      load().then(function () {
        var links = list.querySelectorAll("a");
        var results = links.length ? null : search(entries, input.value);
        if (results) show(results);
        var chosen = list.querySelectorAll("a")[Math.max(selected, 0)];
        if (chosen) location.href = chosen.href;
      });
    });
  });
})();
