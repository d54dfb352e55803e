// The team page: a manager confirms or rejects a rep's mark with one click (POST /api/feedback/{mark}/review).
(function () {
  "use strict";
  if (!window.fetch) return;
  Array.prototype.forEach.call(document.querySelectorAll("#pending-marks li[data-mark]"), function (li) {
    var status = li.querySelector(".fb-state");
    Array.prototype.forEach.call(li.querySelectorAll("button[data-review]"), function (button) {
      button.addEventListener("click", function () {
        var review = button.getAttribute("data-review");
        status.textContent = "Saving\u2026";
        status.dataset.state = "";
        PM.postJson("/api/feedback/" + encodeURIComponent(li.getAttribute("data-mark")) + "/review" + PM.query(), { review: review }).then(function () {
          Array.prototype.forEach.call(li.querySelectorAll("button[data-review]"), function (b) { b.remove(); });
          status.textContent = review === "confirmed" ? "Confirmed." : "Rejected: it will not count.";
          li.dataset.review = review;
        }).catch(function (e) {
          status.textContent = "Not saved: " + e.message;
          status.dataset.state = "failed";
        });
      });
    });
  });
})();
