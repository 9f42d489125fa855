// A ready sign-in link (/anmelden#token=...): the token rides in the fragment, which browsers never
// send to a server or write into its logs. This fills the field and removes the fragment from the
// address bar and history; the person still presses "Anmelden", so a link cannot sign anyone in
// behind their back (login CSRF). Without script, paste the token.
(function () {
  "use strict";
  var prefix = "#token=";
  var field = document.getElementById("token");
  if (!field || location.hash.indexOf(prefix) !== 0) {
    return;
  }
  try {
    field.value = decodeURIComponent(location.hash.substring(prefix.length));
  } catch (e) {
    return; // not a token we can read: the empty field says what to do
  }
  history.replaceState(null, "", location.pathname + location.search);
  var submit = field.form && field.form.querySelector("button[type=submit]");
  (submit || field).focus();
})();
