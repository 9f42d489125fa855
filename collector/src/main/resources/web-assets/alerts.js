// Live updates for the alerts page (/alarme). Without this script the page works as it is: reload to
// see new alerts. With it, every lifecycle step on the session's SSE stream (/alarme/live) reloads the
// list part of this very page (same filters) and says so in a polite live region. Nothing else.
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  var list = document.getElementById("alarm-liste");
  if (!status || !list || !window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var pending = false;
  function refresh() {
    if (pending) {
      return;
    }
    pending = true;
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("alarm-liste");
          // Keep what someone is typing into a note: replace the list only while no field in it has focus.
          if (fresh && !list.contains(document.activeElement)) {
            list.replaceWith(fresh);
            list = fresh;
            status.textContent = status.getAttribute("data-updated") + " " + new Date().toLocaleTimeString();
          }
        })
        .catch(function () { /* the next step or a reload will show it */ })
        .then(function () { pending = false; });
    }, 300);
  }
  var source = new EventSource(status.getAttribute("data-live-url"));
  source.addEventListener("open", function () {
    status.textContent = status.getAttribute("data-connected");
  });
  ["raised", "severity_changed", "acknowledged", "cleared"].forEach(function (kind) {
    source.addEventListener(kind, refresh);
  });
})();
