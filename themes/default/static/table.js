// Sortable, filterable tables. Without JavaScript the table is complete (or,
// for a list of many pages, this page of it) and in file order.
//
// A list of many pages (a table with `data-rows`) sorts and filters the whole
// portfolio: on the first sort or filter it loads every project from the
// scripts `data-rows` names (scripts, so this works from file:// too) and
// shows the matches in place of the page's rows. The filters can be set from
// the address: `?priority=…&team=…&programme=…&status=…&rag=…&text=…`.
(function () {
  "use strict";
  var root = document.body.dataset.root || "";
  // How many matches a whole-portfolio sort or filter shows at once.
  var SHOWN = 500;

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The same markup as the projects.html template's rows.
  var RAG_ICON = { green: "●", "amber-green": "◐", amber: "▲", "amber-red": "▼", red: "■" };
  // RAG sorts best to worst, not by its spelling.
  var RAG_RANK = { green: "1", "amber-green": "2", amber: "3", "amber-red": "4", red: "5" };
  function links(pairs, none) {
    if (!pairs.length) return '<span class="none">' + none + "</span>";
    return pairs.map(function (p) { return '<a href="' + esc(root + p[1]) + '">' + esc(p[0]) + "</a>"; }).join(", ");
  }
  function rowHtml(p) {
    var rag = p.r
      ? '<span class="badge badge--' + esc(p.r) + '"><span class="badge__icon" aria-hidden="true">' + (RAG_ICON[p.r] || "○") + "</span>" + esc(p.r.replace("-", "/")) + "</span>"
      : '<span class="badge badge--none"><span class="badge__icon" aria-hidden="true">○</span>not reported</span>';
    return "<tr" + (p.x ? ' class="row--flag"' : "") + ' data-status="' + esc(p.s) + '" data-rag="' + esc(p.r) + '" data-team="' + esc(p.m[0]) +
      '" data-programme="' + esc(p.g[0]) + '" data-priority="' + esc(p.p.map(function (x) { return x[0]; }).join("|")) + '" data-text="' + esc((p.t + " " + p.o).toLowerCase()) + '">' +
      '<th scope="row" data-sort="' + esc(p.t) + '"><a href="' + esc(root + p.u) + '">' + esc(p.t) + "</a>" +
      (p.x ? ' <span class="tag tag--warn"><span aria-hidden="true">▲</span> unaligned: ' + esc(p.x) + "</span>" : "") +
      (p.o ? ' <span class="sub">' + esc(p.o) + "</span>" : "") +
      (p.g[0] ? ' <span class="sub">Part of <a href="' + esc(root + p.g[1]) + '">' + esc(p.g[0]) + "</a></span>" : "") + "</th>" +
      '<td data-sort="' + esc(p.s) + '"><span class="tag tag--' + esc(p.s) + '">' + esc(p.s) + "</span></td>" +
      '<td data-sort="' + (RAG_RANK[p.r] || "0") + '">' + rag + "</td>" +
      "<td>" + (p.m[0] ? '<a href="' + esc(root + p.m[1]) + '">' + esc(p.m[0]) + "</a>" : '<span class="none">—</span>') + "</td>" +
      "<td>" + links(p.p, "none") + "</td>" +
      "<td>" + links(p.j, "none") + "</td>" +
      '<td class="num" data-sort="' + esc(p.c || "-1") + '">' + (p.c ? esc(p.c) : '<span class="none">—</span>') + "</td>" +
      '<td class="num" data-sort="' + esc(p.b[0]) + '">' + (p.b[1] ? esc(p.b[1]) : '<span class="none">—</span>') + "</td>" +
      '<td class="nowrap" data-sort="' + esc(p.e) + '">' + (p.e ? esc(p.e) : '<span class="none">—</span>') + "</td></tr>";
  }
  // Each column's sort key and each filter's value, from a record.
  var KEYS = [
    function (p) { return p.t; }, function (p) { return p.s; }, function (p) { return RAG_RANK[p.r] || "0"; },
    function (p) { return p.m[0]; }, function (p) { return p.p.map(function (x) { return x[0]; }).join(", "); },
    function (p) { return p.j.map(function (x) { return x[0]; }).join(", "); },
    function (p) { return p.c ? parseFloat(p.c) : -1; }, function (p) { return p.b[0]; }, function (p) { return p.e; }
  ];
  var FIELDS = {
    status: function (p) { return p.s; }, rag: function (p) { return p.r; }, team: function (p) { return p.m[0]; },
    programme: function (p) { return p.g[0]; },
    priority: function (p) { return p.p.map(function (x) { return x[0]; }).join("|"); },
    text: function (p) { return (p.t + " " + p.o).toLowerCase(); }
  };

  // Loads the scripts that hold every project, then calls `done(records)`.
  function loadAll(manifest, done) {
    var script = document.createElement("script");
    script.src = root + manifest;
    script.onload = function () {
      var shards = window.THROUGHLINE_PROJECTS || [];
      var waiting = shards.length;
      shards.forEach(function (path) {
        var part = document.createElement("script");
        part.src = root + path;
        part.onload = part.onerror = function () {
          waiting -= 1;
          if (waiting) return;
          var parts = window.THROUGHLINE_PROJECTS_PARTS || [];
          var all = [];
          for (var i = 0; i < shards.length; i++) all = all.concat(parts[i] || []);
          done(all);
        };
        document.head.appendChild(part);
      });
    };
    document.head.appendChild(script);
  }

  function matches(value, want, filter) {
    value = (value || "").toLowerCase();
    if (filter === "text") return value.indexOf(want) >= 0;
    if (filter === "priority") return value.split("|").indexOf(want) >= 0;
    return value === want;
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    var body = table.tBodies[0];
    var form = document.querySelector('form[data-table="' + table.id + '"]');
    var controls = form ? form.querySelectorAll("[data-filter]") : [];
    var count = form ? form.querySelector(".filters__count") : null;
    var wide = table.dataset.rows;
    var pageRows = Array.prototype.slice.call(body.rows);
    var records = null, loading = false, sorted = null;

    function wanted() {
      var want = {};
      Array.prototype.forEach.call(controls, function (c) {
        var v = c.value.trim().toLowerCase();
        if (v) want[c.dataset.filter] = v;
      });
      return want;
    }

    // This page's rows: sorted in place, filtered by hiding.
    function applyHere() {
      var want = wanted(), shown = 0;
      pageRows.forEach(function (row) {
        var ok = Object.keys(want).every(function (f) { return matches(row.dataset[f], want[f], f); });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + " of " + pageRows.length + " projects";
    }

    // The whole portfolio: the matches, sorted, in place of the page's rows.
    function applyWide() {
      var want = wanted();
      var active = sorted || Object.keys(want).length;
      document.querySelectorAll(".pages").forEach(function (p) { p.hidden = !!active; });
      if (!active) {
        body.textContent = "";
        pageRows.forEach(function (r) { r.hidden = false; body.appendChild(r); });
        if (count) count.textContent = "Filter or sort the whole portfolio";
        return;
      }
      if (!records) {
        if (count) count.textContent = "Loading every project…";
        if (!loading) {
          loading = true;
          loadAll(wide, function (all) { records = all; applyWide(); });
        }
        return;
      }
      var hits = records.filter(function (p) {
        return Object.keys(want).every(function (f) { return matches(FIELDS[f](p), want[f], f); });
      });
      if (sorted) {
        var key = KEYS[sorted.column], numeric = sorted.numeric, up = sorted.ascending;
        hits = hits.slice().sort(function (a, b) {
          var x = key(a), y = key(b);
          if (!numeric) { x = String(x).toLowerCase(); y = String(y).toLowerCase(); }
          var order = x < y ? -1 : x > y ? 1 : 0;
          return up ? order : -order;
        });
      }
      body.innerHTML = hits.slice(0, SHOWN).map(rowHtml).join("");
      if (count) {
        count.textContent = hits.length + " of " + records.length + " projects" +
          (hits.length > SHOWN ? ", showing the first " + SHOWN : "");
      }
    }
    var apply = wide ? applyWide : applyHere;

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
        if (wide) {
          sorted = { column: column, numeric: numeric, ascending: ascending };
          applyWide();
          return;
        }
        function key(row) {
          var cell = row.cells[column];
          var v = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
          return numeric ? parseFloat(v) || 0 : v.toLowerCase();
        }
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });

    if (!form) return;
    form.hidden = false;
    // Filters named in the address (a priority's page links to its
    // projects this way).
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(controls, function (c) {
      var v = params.get(c.dataset.filter);
      if (!v) return;
      if (c.tagName === "SELECT") {
        var option = Array.prototype.find.call(c.options, function (o) { return (o.value || o.textContent).toLowerCase() === v.toLowerCase(); });
        if (option) c.value = option.value || option.textContent;
      } else {
        c.value = v;
      }
    });
    // Selects report a choice with "change" everywhere; text boxes report
    // every key with "input".
    Array.prototype.forEach.call(controls, function (c) { c.addEventListener(c.tagName === "SELECT" ? "change" : "input", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  });
})();
