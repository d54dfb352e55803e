// The team page: a manager confirms or rejects a rep's mark with one click (POST /api/feedback/{mark}/review).
(function () {
  "use strict";
  if (!window.fetch) return;
  var token = new URLSearchParams(location.search).get("token");
  var query = token ? "?token=" + encodeURIComponent(token) : "";
  Array.prototype.forEach.call(document.querySelectorAll("#pending-marks li[data-mark]"), function (li) {
    var status = li.querySelector(".fb-state");
    Array.prototype.forEach.call(li.querySelectorAll("button[data-review]"), function (button) {
      button.addEventListener("click", function () {
        var review = button.getAttribute("data-review");
        status.textContent = "Saving\u2026";
        status.dataset.state = "";
        fetch("/api/feedback/" + encodeURIComponent(li.getAttribute("data-mark")) + "/review" + query, {
          method: "POST", cache: "no-store", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ review: review })
        }).then(function (res) {
          return res.json().catch(function () { return {}; }).then(function (b) {
            if (!res.ok) throw new Error(b.error || "the server said HTTP " + res.status);
            Array.prototype.forEach.call(li.querySelectorAll("button[data-review]"), function (b2) { b2.remove(); });
            status.textContent = review === "confirmed" ? "Confirmed." : "Rejected: it will not count.";
            li.dataset.review = review;
          });
        }).catch(function (e) {
          status.textContent = "Not saved: " + e.message;
          status.dataset.state = "failed";
        });
      });
    });
  });
})();
