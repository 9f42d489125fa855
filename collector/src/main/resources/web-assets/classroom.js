// Classroom display: every 2 seconds the room's latest numbers (a small JSON answer, the same for
// every viewer for a few seconds on the server) replace the ones on the page, without reloading it.
// Without script the page shows the numbers of its own load; reload to see newer ones.
(function () {
  "use strict";
  var box = document.getElementById("jetzt");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-live-url");
  function field(name) {
    return box.querySelector("[data-live='" + name + "']");
  }
  var icons = { "good": "\u2713", "air": "!", "air-now": "\u203c", "unknown": "?" };
  function show(live) {
    var state = live.state;
    if (box.getAttribute("data-state") !== state) {
      box.classList.remove("air--" + box.getAttribute("data-state"));
      box.classList.add("air--" + state);
      box.setAttribute("data-state", state);
      field("stateText").textContent = box.getAttribute("data-text-" + state);
      field("advice").textContent = box.getAttribute("data-advice-" + state);
      field("icon").textContent = icons[state] || "?";
    }
    ["co2", "temperature", "humidity"].forEach(function (name) {
      if (field(name).textContent !== live[name]) {
        field(name).textContent = live[name];
      }
    });
    field("updated").textContent = live.updated;
    field("updated").setAttribute("datetime", live.iso);
    field("status").textContent = field("status").getAttribute("data-on");
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(show)
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 2000);
})();
