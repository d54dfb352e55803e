// Reports and team pages: the theme from ?theme=light|dark, and dates in the reader's own time zone.
(function () {
  "use strict";
  var theme = new URLSearchParams(location.search).get("theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  var when = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  var day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
  Array.prototype.forEach.call(document.querySelectorAll("time[datetime]"), function (t) {
    var d = new Date(t.getAttribute("datetime"));
    if (isNaN(d.getTime())) return;
    t.textContent = (t.hasAttribute("data-day") ? day : when).format(d);
    t.title = d.toISOString();
  });
})();
