// aimkg site: sortable tables and the compare page. Pages read fine without it.
"use strict";
(function () {
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
  }

  function sortTable(table, index, numeric, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      if (numeric) {
        if (x === "" && y === "") return 0;
        if (x === "") return 1;  // unknown values last, either way
        if (y === "") return -1;
        return ascending ? parseFloat(x) - parseFloat(y) : parseFloat(y) - parseFloat(x);
      }
      return ascending ? x.localeCompare(y) : y.localeCompare(x);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function makeSortable(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (th.classList.contains("nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortTable(table, index, th.getAttribute("data-sort") === "number", th);
      });
    });
  }

  function filterRows(input, table) {
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (word) { return text.indexOf(word) >= 0; });
      });
    });
  }

  function comparePicked(table, panel) {
    var boxes = table.querySelectorAll("input.pick");
    function render() {
      var picked = Array.prototype.filter.call(boxes, function (box) { return box.checked; });
      panel.textContent = "";
      var slugs = picked.map(function (box) { return box.value; });
      history.replaceState(null, "", slugs.length ? "#v=" + slugs.join(",") : location.pathname);
      if (!picked.length) return;
      var heading = document.createElement("h2");
      heading.textContent = "Side by side";
      panel.appendChild(heading);
      var rows = picked.map(function (box) { return box.closest("tr"); });
      var max = { input: 0, output: 0, context: 0 };
      rows.forEach(function (row) {
        ["input", "output", "context"].forEach(function (key) {
          var value = parseFloat(row.querySelector("[data-key=" + key + "]").getAttribute("data-value"));
          if (value > max[key]) max[key] = value;
        });
      });
      var out = document.createElement("table");
      out.className = "side-by-side";
      var head = out.createTHead().insertRow();
      head.appendChild(document.createElement("th"));
      rows.forEach(function (row) {
        var th = document.createElement("th");
        th.appendChild(row.querySelector("td.name a").cloneNode(true));
        head.appendChild(th);
      });
      var body = out.createTBody();
      [["maker", "Maker"], ["released", "Released"], ["context", "Context (tokens)"], ["input", "Input, USD per 1M"],
       ["output", "Output, USD per 1M"], ["platforms", "Platforms"]].forEach(function (pair) {
        var tr = body.insertRow();
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = pair[1];
        tr.appendChild(th);
        rows.forEach(function (row) {
          var source = row.querySelector("[data-key=" + pair[0] + "]");
          var td = tr.insertCell();
          var value = parseFloat(source.getAttribute("data-value"));
          if (max[pair[0]] && !isNaN(value)) {
            var bar = document.createElement("span");
            bar.className = "cmp-bar" + (pair[0] === "output" ? " output" : "");
            bar.style.width = Math.max(1, Math.round(8 * value / max[pair[0]])) + "rem";
            bar.setAttribute("aria-hidden", "true");
            td.appendChild(bar);
          }
          td.appendChild(document.createTextNode(source.textContent.trim()));
        });
      });
      panel.appendChild(out);
    }
    Array.prototype.forEach.call(boxes, function (box) { box.addEventListener("change", render); });
    var wanted = (location.hash.match(/^#v=(.*)$/) || [null, ""])[1].split(",");
    Array.prototype.forEach.call(boxes, function (box) { if (wanted.indexOf(box.value) >= 0) box.checked = true; });
    render();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
    Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (input) {
      var table = document.getElementById(input.getAttribute("data-filter"));
      if (table) filterRows(input, table);
    });
    var panel = document.getElementById("picked");
    var table = document.getElementById("compare-table");
    if (panel && table) comparePicked(table, panel);
  });
})();
