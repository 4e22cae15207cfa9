// Sortable, filterable tables. Without JavaScript the table is complete and
// in file order; nothing is fetched.
(function () {
  "use strict";
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.dataset.type === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[column];
          var v = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
          return numeric ? parseFloat(v) || 0 : v.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll("form[data-table]").forEach(function (form) {
    var table = document.getElementById(form.dataset.table);
    if (!table) return;
    form.hidden = false;
    var controls = form.querySelectorAll("[data-filter]");
    var count = form.querySelector(".filters__count");
    var rows = table.tBodies[0].rows;
    function apply() {
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var ok = true;
        controls.forEach(function (c) {
          var want = c.value.trim().toLowerCase();
          if (!want) return;
          var have = (row.dataset[c.dataset.filter] || "").toLowerCase();
          if (c.dataset.filter === "text") ok = ok && have.indexOf(want) >= 0;
          else if (c.dataset.filter === "priority") ok = ok && have.split("|").indexOf(want) >= 0;
          else ok = ok && have === want;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " projects";
    }
    // Selects report a choice with "change" everywhere; text boxes report
    // every key with "input".
    controls.forEach(function (c) { c.addEventListener(c.tagName === "SELECT" ? "change" : "input", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  });
})();
