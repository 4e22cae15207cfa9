// Live reload for `throughline serve`: reloads the page after each rebuild,
// keeping the scroll position, and shows the diagnostics of a failed build
// over the last good page until it is fixed. Added by the preview server
// only; built files never contain it.
(function () {
  "use strict";
  var key = "throughline-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, Number(saved)); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  var overlay = null;
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(report) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "throughline-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "The build failed");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
      "color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
    var title = document.createElement("h2");
    title.style.cssText = "font:bold 18px system-ui,sans-serif;margin:0 0 1rem;color:#ff8a80";
    var errors = (report.diagnostics || []).filter(function (d) { return d.severity === "error"; });
    title.textContent = "The build failed: " + errors.length + (errors.length === 1 ? " error" : " errors") +
      ". This is the last good page; it reloads when the files are fixed.";
    overlay.appendChild(title);
    errors.forEach(function (d) {
      var item = document.createElement("pre");
      item.style.cssText = "white-space:pre-wrap;margin:0 0 1rem;padding:.75rem;background:#000;border-left:4px solid #ff8a80";
      var where = d.file ? d.file + (d.line ? ":" + d.line + ":" + d.column : "") + ": " : "";
      item.textContent = where + d.message + (d.help ? "\n  help: " + d.help : "");
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }
  var events = new EventSource("/__throughline/events");
  events.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener("failed", function (e) {
    try { show(JSON.parse(e.data)); } catch (err) { show({ diagnostics: [] }); }
  });
  events.addEventListener("ok", hide);
})();
