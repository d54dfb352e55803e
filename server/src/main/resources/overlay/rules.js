// The team's rules page: each button turns a rule on (as usual), down or off for the team, with the page's own token
// (POST /api/team/rules); the row and a status line say what the server now holds.
(function () {
  "use strict";
  var table = document.getElementById("rules");
  var status = document.getElementById("rules-status");
  if (!table || !window.fetch) return;
  var api = "/api/team/rules" + PM.query({ team: new URLSearchParams(location.search).get("team") });
  var WORDS = { on: "as usual", down: "turned down", off: "off" };
  var LABELS = { on: "As usual", down: "Turn down", off: "Turn off" };

  function button(rule, setting, current) {
    var b = document.createElement("button");
    b.type = "button";
    b.dataset.setting = setting;
    b.disabled = setting === current;
    b.textContent = LABELS[setting];
    b.setAttribute("aria-label", LABELS[setting] + " " + rule);
    return b;
  }

  function show(rule, setting) {
    var row = table.querySelector('tr[data-rule="' + CSS.escape(rule) + '"]');
    if (!row) {
      var empty = document.getElementById("no-rules");
      if (empty) empty.remove();
      row = document.createElement("tr");
      row.dataset.rule = rule;
      ["", "", "0", "0", ""].forEach(function (t, i) {
        var td = document.createElement("td");
        if (i === 0) { var c = document.createElement("code"); c.textContent = rule; td.appendChild(c); } else td.textContent = t;
        if (i === 2 || i === 3) td.className = "num";
        if (i === 4) td.className = "setting";
        row.appendChild(td);
      });
      row.appendChild(document.createElement("td"));
      table.tBodies[0].appendChild(row);
    }
    row.querySelector(".setting").textContent = WORDS[setting];
    var cell = row.lastElementChild;
    cell.textContent = "";
    ["on", "down", "off"].forEach(function (s) { cell.appendChild(button(rule, s, setting)); cell.appendChild(document.createTextNode(" ")); });
  }

  function change(rule, setting) {
    status.textContent = "Saving\u2026";
    status.dataset.state = "";
    return PM.postJson(api, { rule: rule, setting: setting })
      .then(function (settings) {
        var now = (settings.rules && settings.rules[rule]) || "on";
        show(rule, now);
        status.dataset.state = "saved";
        status.textContent = rule + " is now " + WORDS[now] + " for team " + settings.team + "; its agents have it.";
      })
      .catch(function (e) {
        status.dataset.state = "failed";
        status.textContent = "Not changed: " + e.message;
      });
  }

  table.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-setting]");
    if (!b) return;
    change(b.closest("tr").dataset.rule, b.dataset.setting);
  });
  var form = document.getElementById("other-rule");
  if (form) form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var setting = ev.submitter ? ev.submitter.value : "down";
    change(form.elements.rule.value.trim(), setting).then(function () { form.reset(); });
  });
})();
