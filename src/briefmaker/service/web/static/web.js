/* briefmaker web pages: helpers shared by the page scripts (no inline scripts: the CSP forbids them). */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";

  /* POST a JSON body with the page's CSRF token; resolves to [status, parsed JSON]. */
  function postJSON(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf, "Accept": "application/json"},
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) { return [r.status, j]; }, function () { return [r.status, {}]; });
    });
  }

  function getJSON(url) {
    return fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}}).then(function (r) {
      return r.json().then(function (j) { return [r.status, j]; });
    });
  }

  /* An element with text content only (never HTML): a brief is untrusted. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  window.bm = {csrf: csrf, postJSON: postJSON, getJSON: getJSON, el: el};
})();
