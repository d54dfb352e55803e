// What the page scripts share: the page's own token carried onto the API addresses they call, and a JSON POST whose
// failure says what the server said (its {"error": ...}) and carries the HTTP status.
var PM = (function () {
  "use strict";
  var token = new URLSearchParams(location.search).get("token");

  // "?token=..." followed by the given parameters that have a value; "" when there is nothing to add
  function query(more) {
    var parts = token ? ["token=" + encodeURIComponent(token)] : [];
    Object.keys(more || {}).forEach(function (k) { if (more[k]) parts.push(k + "=" + encodeURIComponent(more[k])); });
    return parts.length ? "?" + parts.join("&") : "";
  }

  // resolves with the answer's JSON; rejects with an Error whose message is the server's reason and whose status is
  // the HTTP status (none when the server could not be reached)
  function postJson(url, body) {
    return fetch(url, { method: "POST", cache: "no-store", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (b) {
          if (res.ok) return b;
          var e = new Error(b.error || "the server said HTTP " + res.status);
          e.status = res.status;
          throw e;
        });
      });
  }

  return { query: query, postJson: postJson };
})();
