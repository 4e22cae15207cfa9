// Filters the findings on the Gaps page by gap, severity, team and priority.
// Without JavaScript every finding stays visible; nothing is fetched.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var selects = form.querySelectorAll("select[data-filter]");
  var findings = document.querySelectorAll(".finding");
  var count = form.querySelector(".filters__count");
  function apply() {
    var wanted = {};
    selects.forEach(function (s) { wanted[s.dataset.filter] = s.value; });
    var shown = 0;
    findings.forEach(function (f) {
      var ok = (!wanted.gap || f.dataset.gap === wanted.gap) &&
        (!wanted.severity || f.dataset.severity === wanted.severity) &&
        (!wanted.team || f.dataset.team === wanted.team) &&
        (!wanted.priority || f.dataset.priority.split("|").indexOf(wanted.priority) >= 0);
      f.hidden = !ok;
      if (ok) shown += 1;
    });
    document.querySelectorAll(".gap-group").forEach(function (g) {
      g.hidden = g.querySelectorAll(".finding:not([hidden])").length === 0 &&
        (wanted.gap || wanted.severity || wanted.team || wanted.priority) !== "";
    });
    count.textContent = shown + " of " + findings.length + " findings";
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
