// Offline search over the prebuilt index: search-index.js names its shards
// (search/1.js, …), each loaded as a script, so it works from file:// too
// and no file grows with the portfolio. Matches every word typed against
// titles, owners, teams and text.
(function () {
  "use strict";
  var index = [];
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) return;
  var shards = window.THROUGHLINE_SEARCH || [];
  var waiting = shards.length;
  // Enter searches in place rather than reloading the page (no inline
  // handler: pages carry no on* attributes at all).
  if (input.form) input.form.addEventListener("submit", function (event) { event.preventDefault(); });
  var root = document.body.dataset.root || "";
  function run() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = "Type to search " + index.length + " pages."; return; }
    var hits = index.filter(function (e) {
      var hay = (e.t + " " + e.o + " " + e.m + " " + e.x).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    });
    hits.sort(function (a, b) {
      var ta = a.t.toLowerCase().indexOf(words[0]) >= 0 ? 0 : 1;
      var tb = b.t.toLowerCase().indexOf(words[0]) >= 0 ? 0 : 1;
      return ta - tb || a.t.localeCompare(b.t);
    });
    hits.slice(0, 100).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.t;
      var kind = document.createElement("span");
      kind.className = "sub";
      kind.textContent = e.k + (e.o ? " · " + e.o : "") + (e.m ? " · " + e.m : "");
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results") + (hits.length > 100 ? ", showing the first 100" : "");
  }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) input.value = q;
  function ready() {
    var parts = window.THROUGHLINE_SEARCH_PARTS || [];
    for (var i = 0; i < shards.length; i++) index = index.concat(parts[i] || []);
    input.addEventListener("input", run);
    run();
  }
  if (!waiting) { ready(); return; }
  status.textContent = "Loading the search index…";
  shards.forEach(function (path) {
    var script = document.createElement("script");
    script.src = root + path;
    script.onload = script.onerror = function () { waiting -= 1; if (!waiting) ready(); };
    document.head.appendChild(script);
  });
})();
