// The overlay: one WebSocket to /ws/overlay with this page's query string. Calm by design: one nudge at a
// time, earlier ones fade into a short list, nothing flashes.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var theme = params.get("theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;

  var $ = function (id) { return document.getElementById(id); };
  var MAX_HISTORY = 5;
  var current = null;        // the nudge on show
  var mono = { seconds: 0, at: 0 }; // the running monologue: last reported length and when it arrived
  var retry = 500;           // reconnect backoff, ms
  var WARNINGS = {
    "talk-share-high": "You are doing most of the talking.",
    "monologue-long": "Long monologue: hand the conversation back.",
    "pace-fast": "Slow down a little.",
    "pace-slow": "Pace is slow."
  };

  // the call clock, written exactly as Clock.format writes it in the terminal and the reports (10.9 s is 0:10)
  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function label(category) {
    return category.charAt(0) + category.slice(1).toLowerCase();
  }

  function reset() {
    current = null;
    $("nudge").hidden = true;
    $("calm").hidden = false;
    $("history").textContent = "";
    $("warnings").textContent = "";
    document.body.classList.remove("ended");
    metrics({ pressureIndex: 0, repTalkShare: null, currentMonologue: 0, warnings: [] });
  }

  function showNudge(alert) {
    if (current) {
      var li = document.createElement("li");
      li.textContent = label(current.category) + ": \u201c" + current.phrase + "\u201d";
      $("history").insertBefore(li, $("history").firstChild);
      while ($("history").children.length > MAX_HISTORY) $("history").removeChild($("history").lastChild);
    }
    current = alert;
    $("nudge").dataset.category = alert.category;
    $("nudge-category").textContent = label(alert.category);
    $("nudge-time").textContent = clock(alert.start);
    $("nudge-phrase").textContent = alert.phrase;
    $("nudge-trust").textContent = alert.reframe.trust;
    $("nudge-ask").textContent = alert.reframe.ask;
    $("nudge").hidden = false;
    $("calm").hidden = true;
  }

  function metrics(m) {
    var gauge = m.pressureIndex || 0;
    $("gauge-value").textContent = gauge;
    $("gauge-fill").style.width = gauge + "%";
    $("gauge-fill").dataset.level = gauge >= 66 ? "hot" : gauge >= 33 ? "warm" : "calm";
    var share = m.repTalkShare;
    $("talk-share").textContent = share === null || share === undefined ? "\u2013" : Math.round(share * 100) + "%";
    $("talk-share").dataset.warn = String((m.warnings || []).indexOf("talk-share-high") >= 0);
    mono = { seconds: m.currentMonologue || 0, at: Date.now() };
    $("monologue").textContent = clock(mono.seconds);
    $("monologue").dataset.warn = String((m.warnings || []).indexOf("monologue-long") >= 0);
    $("warnings").textContent = (m.warnings || []).map(function (w) { return WARNINGS[w] || w; }).join(" ");
  }

  function handle(event) {
    switch (event.type) {
      case "call_started": reset(); break;
      case "alert": if (event.data.nudge) showNudge(event.data); break;
      case "metrics": metrics(event.data); break;
      case "call_ended": document.body.classList.add("ended"); break;
      default: break;
    }
  }

  function status(state) {
    $("status").dataset.state = state;
    $("status").textContent = state;
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var ws = new WebSocket(scheme + location.host + "/ws/overlay" + location.search);
    ws.onopen = function () { retry = 500; status("live"); };
    ws.onmessage = function (msg) {
      try { handle(JSON.parse(msg.data)); } catch (e) { console.warn("overlay: skipped a message it could not read", e); }
    };
    ws.onclose = function () {
      status("offline");
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }

  // metrics arrive with each settled utterance; between them the monologue timer keeps running on its own,
  // for a few seconds at most, so a silence the agent has not reported yet does not count as talk
  setInterval(function () {
    if (mono.seconds <= 0) return;
    var elapsed = (Date.now() - mono.at) / 1000;
    if (elapsed <= 4) $("monologue").textContent = clock(mono.seconds + elapsed);
  }, 1000);

  if (!params.get("rep")) {
    status("offline");
    $("calm").textContent = "This page needs ?rep=NAME: open the address that 'pressure-monitor run' printed.";
    return;
  }
  connect();
})();
