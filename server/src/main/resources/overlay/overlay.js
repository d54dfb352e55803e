// The overlay: one WebSocket to /ws/overlay with this page's query string. Calm by design: one nudge at a
// time, it settles after a while and then joins a short list; nothing flashes. When it cannot connect it says
// why and what to do; when the call ends it shows the score and the way to the report.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var theme = params.get("theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;

  var $ = function (id) { return document.getElementById(id); };
  var MAX_HISTORY = 5;
  // a nudge stays the main thing on the page this long, then settles, then joins the list (seconds; ?fade=N to change)
  var FADE = Math.max(1, Number(params.get("fade")) || 45);
  // plain words for the rep; the codes (COUNTER, DEFEND...) are the API's (Category.plainWords() in the server)
  var WORDS = {
    PITCH: "Pitching before asking", CLOSE: "Pushing to close", URGENCY: "Making up urgency",
    CHASE: "Chasing the prospect", COUNTER: "Arguing with the objection", DEFEND: "Defending the price"
  };
  var WARNINGS = {
    "talk-share-high": "You are doing most of the talking.",
    "monologue-long": "Long monologue: hand the conversation back.",
    "pace-fast": "Slow down a little.",
    "pace-slow": "Pace is slow."
  };

  var current = null;               // the nudge on show: the alert, its id (seq) and when it arrived
  var marks = {};                   // alert id -> "sending" | "marked" | a reason it failed
  var mono = { seconds: 0, at: 0 }; // the running monologue: last reported length and when it arrived
  var callClock = null;             // { seconds, at }: the call's time as last reported, and when
  var callId = null;
  var ended = false;
  var lastNudgeAt = null;           // call time of the latest nudge, for the calm line
  var retry = 1000;                 // reconnect backoff, ms
  var retryTimer = null;

  // the call clock, written exactly as Clock.format writes it in the terminal and the reports (10.9 s is 0:10)
  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function words(category) {
    return WORDS[category] || category.charAt(0) + category.slice(1).toLowerCase().replace(/_/g, " ");
  }

  function state(s, label) {
    $("overlay").dataset.state = s;
    $("status").dataset.state = s;
    $("status").textContent = label || s;
  }

  function callTime() {
    return callClock ? callClock.seconds + (Date.now() - callClock.at) / 1000 : 0;
  }

  function heard(seconds) {
    if (ended || seconds === undefined || seconds === null) return;
    if (!callClock || seconds > callTime()) callClock = { seconds: seconds, at: Date.now() };
    $("call-clock").textContent = clock(callTime());
    $("call-clock").hidden = false;
  }

  function calmLine() {
    $("calm").textContent = lastNudgeAt === null ? "No pressure heard. Keep the conversation going."
      : "No pressure heard since " + clock(lastNudgeAt) + ". Keep the conversation going.";
  }

  function reset() {
    current = null;
    marks = {};
    ended = false;
    lastNudgeAt = null;
    callClock = { seconds: 0, at: Date.now() };
    $("call-clock").hidden = false;
    $("nudge").hidden = true;
    $("ended").hidden = true;
    $("history").textContent = "";
    $("history-title").hidden = true;
    $("warnings").textContent = "";
    calmLine();
    $("calm").hidden = false;
    state("live");
    metrics({ pressureIndex: 0, repTalkShare: null, currentMonologue: 0, warnings: [] });
  }

  function toHistory(shown) {
    var alert = shown.alert;
    var li = document.createElement("li");
    li.dataset.alert = shown.seq;
    var when = document.createElement("span");
    when.className = "when";
    when.textContent = clock(alert.start);
    var what = document.createElement("span");
    what.className = "what";
    what.textContent = words(alert.category);
    li.appendChild(when);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(what);
    li.appendChild(document.createTextNode(" \u201c" + alert.phrase + "\u201d "));
    var wrong = document.createElement("button");
    wrong.type = "button";
    wrong.className = "wrong";
    wrong.textContent = "not pressure";
    wrong.title = "This was not pressure";
    var marked = document.createElement("span");
    marked.className = "marked";
    marked.setAttribute("role", "status");
    li.appendChild(wrong);
    li.appendChild(marked);
    quiet(wrong, function () { markNotPressure(shown.seq); });
    showMark(wrong, marked, shown.seq);
    $("history").insertBefore(li, $("history").firstChild);
    while ($("history").children.length > MAX_HISTORY) $("history").removeChild($("history").lastChild);
    $("history-title").hidden = false;
  }

  function showNudge(alert, seq) {
    if (current) toHistory(current);
    current = { alert: alert, seq: seq, at: Date.now() };
    showMark($("nudge-wrong"), $("nudge-marked"), seq);
    lastNudgeAt = alert.start;
    heard(alert.end);
    $("nudge").dataset.category = alert.category;
    $("nudge").dataset.age = "fresh";
    $("nudge-category").textContent = words(alert.category);
    $("nudge-time").textContent = clock(alert.start);
    $("nudge-phrase").textContent = alert.phrase;
    $("nudge-trust").textContent = alert.reframe.trust;
    $("nudge-ask").textContent = alert.reframe.ask;
    $("nudge").hidden = false;
    $("calm").hidden = true;
  }

  // a nudge is the main thing for FADE seconds, then settles (quieter) for as long again, then joins the list
  function age() {
    if (!current) return;
    var seconds = (Date.now() - current.at) / 1000;
    if (seconds >= 2 * FADE) {
      toHistory(current);
      current = null;
      $("nudge").hidden = true;
      calmLine();
      $("calm").hidden = ended;
    } else if (seconds >= FADE) {
      $("nudge").dataset.age = "settling";
    }
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
    heard(m.at);
  }

  function end(data) {
    ended = true;
    state("ended", "call ended");
    if (data && typeof data.duration === "number") {
      callClock = { seconds: data.duration, at: Date.now() };
      $("call-clock").textContent = clock(data.duration);
      $("ended-at").textContent = "at " + clock(data.duration);
    }
    if (current) {
      toHistory(current);
      current = null;
    }
    $("ended").hidden = false;
    $("ended-score").textContent = "\u2026";
    if (callId) {
      $("report-link").href = "/calls/" + encodeURIComponent(callId) + PM.query();
      score(callId, 0);
    }
  }

  // the stored summary may take a moment after the call ends
  function score(id, attempt) {
    fetch("/api/calls/" + encodeURIComponent(id) + PM.query(), { cache: "no-store" }).then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    }).then(function (s) {
      // the overlay hears call_ended as it arrives, maybe before the store has it: a summary not yet ended is not the score
      if (!s.ended) throw new Error("not stored yet");
      if (id === callId) $("ended-score").textContent = s.pressureScore;
    }).catch(function () {
      if (attempt < 8 && id === callId) setTimeout(function () { score(id, attempt + 1); }, 500 * (attempt + 1));
      else if (id === callId) $("ended-score").textContent = "\u2013";
    });
  }

  // "not pressure": one click or the N key, confirmed in a quiet line. Nothing here ever takes focus: the page may be a
  // browser source beside the video call, and the key works only when the rep has put the focus on this page.
  function quiet(button, action) {
    button.addEventListener("mousedown", function (e) { e.preventDefault(); });
    button.addEventListener("click", action);
  }

  function showMark(button, line, seq) {
    var state = marks[seq];
    button.hidden = state === "sending" || state === "marked";
    line.textContent = state === "sending" ? "Marking\u2026" : state === "marked" ? "Marked: not pressure. Thanks."
      : state ? "Could not mark it: " + state : "";
    line.dataset.state = state === "marked" ? "marked" : state && state !== "sending" ? "failed" : "";
  }

  function showMarks() {
    if (current) showMark($("nudge-wrong"), $("nudge-marked"), current.seq);
    Array.prototype.forEach.call($("history").children, function (li) {
      showMark(li.querySelector("button.wrong"), li.querySelector(".marked"), Number(li.dataset.alert));
    });
  }

  function markNotPressure(seq) {
    if (!callId || marks[seq] === "sending" || marks[seq] === "marked") return;
    var id = callId;
    marks[seq] = "sending";
    showMarks();
    var send = function (attempt) {
      PM.postJson("/api/calls/" + encodeURIComponent(id) + "/feedback" + PM.query(), { kind: "not_pressure", alert: seq }).then(function () {
        return "marked";
      }, function (e) {
        // the nudge reaches the page a moment before it is on disk: ask again shortly
        if (e.status === 404 && attempt < 3) return null;
        if (e.status) return e.message;
        return attempt < 3 ? null : "the server cannot be reached";
      }).then(function (outcome) {
        if (id !== callId) return;
        if (outcome === null) { setTimeout(function () { send(attempt + 1); }, 500 * (attempt + 1)); return; }
        marks[seq] = outcome;
        showMarks();
      });
    };
    send(0);
  }

  // a page opened or reloaded mid-call shows the nudges already marked as marked
  function knownMarks(id) {
    if (!id) return;
    fetch("/api/calls/" + encodeURIComponent(id) + "/feedback" + PM.query(), { cache: "no-store" }).then(function (res) {
      return res.ok ? res.json() : null;
    }).then(function (f) {
      if (!f || id !== callId) return;
      f.marks.forEach(function (m) {
        if (m.kind === "not_pressure" && m.alert !== null && !marks[m.alert]) marks[m.alert] = "marked";
      });
      showMarks();
    }).catch(function () { /* the marks stay unknown; marking still works */ });
  }

  quiet($("nudge-wrong"), function () { if (current) markNotPressure(current.seq); });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "n" && e.key !== "N") return;
    if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
    if (!current || ended || $("nudge").hidden) return;
    markNotPressure(current.seq);
  });

  function handle(event) {
    if (event.callId) callId = event.callId;
    switch (event.type) {
      case "call_started": reset(); knownMarks(callId); break;
      case "alert": if (event.data.nudge && !ended) showNudge(event.data, event.seq); break;
      case "metrics": if (!ended) metrics(event.data); break;
      case "call_ended": end(event.data); break;
      default: break;
    }
  }

  function problem(title, text, retryText) {
    $("problem-title").textContent = title;
    $("problem-text").textContent = text;
    $("problem-retry").textContent = retryText || "";
    $("problem").hidden = false;
    $("calm").hidden = true;
    $("nudge").hidden = true;
  }

  function connected() {
    $("problem").hidden = true;
    retry = 1000;
    if (ended) state("ended", "call ended");
    else {
      state("live");
      if (current) $("nudge").hidden = false;
      else {
        calmLine();
        $("calm").hidden = false;
      }
    }
  }

  // a browser cannot read why a WebSocket was refused: ask the server, then say it in words and try again later
  function diagnose() {
    state("offline");
    var again = function (ms) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connect, ms);
      return "Trying again in " + Math.round(ms / 1000) + " s.";
    };
    fetch("/api/overlay" + location.search, { cache: "no-store" }).then(function (res) {
      if (res.ok) {
        problem("Connection lost", "The server is back but the live connection dropped; reconnecting.", again(retry));
        retry = Math.min(retry * 2, 10000);
        return;
      }
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (res.status === 401) {
          problem("This address is not signed in",
            "The server does not know this address's token. A 'pressure-monitor run' prints a new address each time it starts: open the one it printed last."
            + " On a team server, ask for your viewer token ('pressure-monitor token create --kind viewer --rep NAME').", again(30000));
        } else {
          problem("This address cannot watch this rep", body.error || ("The server said HTTP " + res.status + "."), again(30000));
        }
      });
    }).catch(function () {
      problem("Can't reach Pressure Monitor",
        "Nothing answers at " + location.host + ". If 'pressure-monitor run' was stopped, start it again and open the address it prints.",
        again(retry));
      retry = Math.min(retry * 2, 10000);
    });
  }

  function connect() {
    clearTimeout(retryTimer);
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var ws = new WebSocket(scheme + location.host + "/ws/overlay" + location.search);
    ws.onopen = connected;
    ws.onmessage = function (msg) {
      try { handle(JSON.parse(msg.data)); } catch (e) { console.warn("overlay: skipped a message it could not read", e); }
    };
    ws.onclose = diagnose;
  }

  setInterval(function () {
    // metrics arrive with each settled utterance; between them the monologue timer keeps running on its own,
    // for a few seconds at most, so a silence the agent has not reported yet does not count as talk
    if (mono.seconds > 0 && !ended) {
      var elapsed = (Date.now() - mono.at) / 1000;
      if (elapsed <= 4) $("monologue").textContent = clock(mono.seconds + elapsed);
    }
    if (callClock && !ended && $("overlay").dataset.state === "live") $("call-clock").textContent = clock(callTime());
    age();
  }, 250);

  if (!params.get("rep")) {
    state("offline");
    problem("This address has no rep name",
      "Open the overlay address that 'pressure-monitor run' printed: it ends in ?rep=NAME&token=...");
    return;
  }
  connect();
})();
