// The report's "Was the coach right?" section: every pressure moment can be marked right or not pressure, and
// pressure the coach missed can be marked over one of the rep's lines (when the words were kept) or a stretch of the
// call. Everything comes from GET /api/calls/{id}/feedback and goes back as POST, with the page's own token.
(function () {
  "use strict";
  var section = document.getElementById("feedback");
  if (!section || !window.fetch) return;
  var callId = section.getAttribute("data-call");
  var api = "/api/calls/" + encodeURIComponent(callId) + "/feedback" + PM.query();
  var WORDS = {
    PITCH: "Pitching before asking", CLOSE: "Pushing to close", URGENCY: "Making up urgency",
    CHASE: "Chasing the prospect", COUNTER: "Arguing with the objection", DEFEND: "Defending the price"
  };
  var data = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  // "1:05" or "65" (seconds) -> seconds; null when it is neither
  function seconds(text) {
    var t = String(text || "").trim(), m = /^(\d+):([0-5]\d)$/.exec(t);
    if (m) return Number(m[1]) * 60 + Number(m[2]);
    return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
  }

  function said(mark) {
    var who = mark.role === "manager" ? "Manager" : mark.markedBy;
    var what = mark.kind === "not_pressure" ? "not pressure" : mark.kind === "confirmed" ? "right" : "missed: " + WORDS[mark.category];
    var state = mark.review === "pending" ? " (waiting for the manager)" : mark.review === "rejected" ? " (the manager disagreed)" : "";
    return who + ": " + what + state;
  }

  function categories() {
    var select = el("select", { "aria-label": "which pressure" });
    Object.keys(WORDS).forEach(function (c) { select.appendChild(el("option", { value: c }, WORDS[c])); });
    return select;
  }

  function post(body, status) {
    status.textContent = "Saving\u2026";
    status.dataset.state = "";
    return PM.postJson(api, body).then(function () { return load(); })
      .catch(function (e) {
        status.textContent = "Not saved: " + e.message;
        status.dataset.state = "failed";
      });
  }

  function marksOn(test) {
    return data.marks.filter(test).map(said).join(" \u00b7 ");
  }

  function moments(list) {
    if (!data.moments.length) {
      list.appendChild(el("li", { "class": "note" }, "No pressure moments in this call."));
      return;
    }
    data.moments.forEach(function (m) {
      var li = el("li", { "data-alert": m.alert });
      li.appendChild(el("span", { "class": "when" }, clock(m.at)));
      li.appendChild(document.createTextNode(" " + WORDS[m.category] + " \u201c" + m.phrase + "\u201d "));
      var status = el("span", { "class": "fb-state", role: "status" }, marksOn(function (k) { return k.alert === m.alert; }));
      var right = el("button", { type: "button", "class": "fb-right" }, "Right");
      var wrong = el("button", { type: "button", "class": "fb-wrong" }, "Not pressure");
      right.addEventListener("click", function () { post({ kind: "confirmed", alert: m.alert }, status); });
      wrong.addEventListener("click", function () { post({ kind: "not_pressure", alert: m.alert }, status); });
      li.appendChild(right);
      li.appendChild(wrong);
      li.appendChild(status);
      list.appendChild(li);
    });
  }

  function lines(list) {
    data.lines.forEach(function (l) {
      var li = el("li", { "data-line": l.line, "class": l.speaker === "REP" ? "rep" : "prospect" });
      li.appendChild(el("span", { "class": "when" }, clock(l.start)));
      li.appendChild(el("span", { "class": "who" }, l.speaker === "REP" ? " Rep: " : " Prospect: "));
      li.appendChild(el("span", { "class": "said" }, l.text));
      if (l.speaker === "REP") {
        var controls = el("span", { "class": "fb-missed" });
        var select = categories();
        var button = el("button", { type: "button" }, "Missed");
        var status = el("span", { "class": "fb-state", role: "status" }, marksOn(function (k) { return k.line === l.line; }));
        button.addEventListener("click", function () { post({ kind: "missed", category: select.value, line: l.line }, status); });
        controls.appendChild(select);
        controls.appendChild(button);
        controls.appendChild(status);
        li.appendChild(controls);
      }
      list.appendChild(li);
    });
  }

  function stretch(box) {
    var from = el("input", { id: "fb-from", inputmode: "numeric", placeholder: "0:00", size: "6" });
    var to = el("input", { id: "fb-to", inputmode: "numeric", placeholder: clock(data.duration), size: "6" });
    var select = categories();
    select.id = "fb-category";
    var button = el("button", { type: "button", id: "fb-stretch" }, "Mark missed");
    var status = el("span", { "class": "fb-state", role: "status", id: "fb-stretch-state" },
      marksOn(function (k) { return k.kind === "missed" && k.line === null; }));
    button.addEventListener("click", function () {
      var a = seconds(from.value), b = seconds(to.value);
      if (a === null || b === null || b <= a) {
        status.textContent = "Give the stretch as from and to, like 1:05 and 1:20 (to after from).";
        status.dataset.state = "failed";
        return;
      }
      post({ kind: "missed", category: select.value, from: a, to: b }, status);
    });
    var label = function (text, input) {
      var l = el("label", {}, text + " ");
      l.appendChild(input);
      return l;
    };
    box.appendChild(label("From", from));
    box.appendChild(label("to", to));
    box.appendChild(label("it was", select));
    box.appendChild(button);
    box.appendChild(status);
  }

  function render() {
    var body = el("div", { id: "fb-body" });
    body.appendChild(el("p", { "class": "note" }, "Mark each moment right or not pressure, and mark pressure the coach missed. "
      + "Your marks are stored with the call; a rep's marks wait for the manager."));
    var list = el("ol", { id: "fb-moments", "class": "fb-list" });
    moments(list);
    body.appendChild(list);
    body.appendChild(el("h3", {}, "Pressure the coach missed"));
    if (data.transcriptKept) {
      body.appendChild(el("p", { "class": "note" }, "Choose the rep's line and what it was."));
      var ol = el("ol", { id: "fb-lines", "class": "fb-list fb-transcript" });
      lines(ol);
      body.appendChild(ol);
    } else {
      body.appendChild(el("p", { "class": "note" }, "The words of this call were not kept, so mark the stretch of the call it was in."));
    }
    var box = el("p", { id: "fb-stretch-form", "class": "fb-stretch" });
    stretch(box);
    body.appendChild(box);
    var old = document.getElementById("fb-body");
    if (old) section.replaceChild(body, old);
    else section.appendChild(body);
  }

  function load() {
    return fetch(api, { cache: "no-store" }).then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    }).then(function (d) {
      data = d;
      render();
      section.hidden = false;
    });
  }

  load().catch(function () {
    // a reader who may not mark (or a server without feedback) sees the report without this section
    section.hidden = true;
  });
})();
