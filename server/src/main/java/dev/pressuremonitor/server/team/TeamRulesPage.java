package dev.pressuremonitor.server.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.FalseNudgeRate;
import dev.pressuremonitor.server.calls.Html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.pressuremonitor.server.calls.Html.esc;

/**
 * {@code /team/rules}, for the team's manager: how often each rule's nudges were marked "not pressure", each rule's
 * setting for the team (as usual, turned down, off) with buttons to change it (rules.js posts the change; the team's
 * agents get it at once), and the learned model the team's agents use, with the comparison that let it in.
 */
final class TeamRulesPage {
    /** One row: a rule, its category when known, its nudges and marks over the period, and its setting. */
    record Row(String rule, String category, long nudges, long notPressure, String setting) {}

    private TeamRulesPage() {}

    static List<Row> rows(List<FalseNudgeRate> rates, Map<String, String> settings) {
        Map<String, Row> byRule = new TreeMap<>();
        for (FalseNudgeRate r : rates) {
            if (r.rule() == null) continue;
            byRule.put(r.rule(), new Row(r.rule(), r.category().name(), r.nudges(), r.notPressure(), settings.getOrDefault(r.rule(), "on")));
        }
        settings.forEach((rule, s) -> byRule.putIfAbsent(rule, new Row(rule, "", 0, 0, s)));
        List<Row> out = new ArrayList<>(byRule.values());
        // the rules the team marks wrong most often first: the ones a manager came here for
        out.sort((a, b) -> a.notPressure() != b.notPressure() ? Long.compare(b.notPressure(), a.notPressure()) : a.rule().compareTo(b.rule()));
        return out;
    }

    /**
     * @param model the model in use ({@code GET /api/team/settings}'s {@code model}), or null for the shipped one
     * @param days  the period the counts cover
     */
    static String page(String team, List<Row> rows, JsonNode model, int days, String token) {
        StringBuilder h = new StringBuilder(8_192);
        Html.head(h, "Rules for team " + team + ": Pressure Monitor", false);
        h.append("<header class=\"report-head\"><p class=\"eyebrow\">Pressure Monitor · <a href=\"/team").append(TeamPage.query(token, null))
                .append("\">team ").append(esc(team)).append("</a></p><h1>Rules for team ").append(esc(team)).append("</h1><p class=\"meta\">Nudges and")
                .append(" \"not pressure\" marks of the last ").append(days).append(" days. A rule turned down nudges at most once every 5 minutes;")
                .append(" one turned off never nudges (still recorded for reports). The team's agents get a change at once.</p></header>");
        h.append("<section><h2>Rules</h2><p id=\"rules-status\" class=\"fb-state\" role=\"status\" aria-live=\"polite\"></p>");
        h.append("<div class=\"table-wrap\"><table id=\"rules\" data-team=\"").append(esc(team)).append("\"><thead><tr><th>rule</th><th>category</th>")
                .append("<th class=\"num\">nudges</th><th class=\"num\">not pressure</th><th>setting</th><th>change</th></tr></thead><tbody>");
        if (rows.isEmpty()) h.append("<tr id=\"no-rules\"><td colspan=\"6\">No nudges in this period, and no rule changed for the team.</td></tr>");
        for (Row r : rows) row(h, r);
        h.append("</tbody></table></div>");
        h.append("<form id=\"other-rule\" class=\"controls\"><label>Another rule <input name=\"rule\" placeholder=\"urgency.deadline or learned.close\"")
                .append(" pattern=\"[a-z0-9][a-z0-9._-]{0,99}\" required></label><button type=\"submit\" name=\"setting\" value=\"down\">Turn down</button>")
                .append("<button type=\"submit\" name=\"setting\" value=\"off\">Turn off</button></form></section>");
        model(h, model);
        Html.tail(h, false);
        h.insert(h.lastIndexOf("</body>"), "<script src=\"/api.js\"></script><script src=\"/rules.js\"></script>");
        return h.toString();
    }

    private static void row(StringBuilder h, Row r) {
        String rate = r.nudges() == 0 ? "" : String.format(Locale.ROOT, " (%.0f%%)", 100.0 * r.notPressure() / r.nudges());
        h.append("<tr data-rule=\"").append(esc(r.rule())).append("\"><td><code>").append(esc(r.rule())).append("</code></td><td>").append(esc(r.category()))
                .append("</td><td class=\"num\">").append(r.nudges()).append("</td><td class=\"num\">").append(r.notPressure()).append(rate)
                .append("</td><td class=\"setting\">").append(words(r.setting())).append("</td><td>");
        for (String s : List.of("on", "down", "off")) {
            h.append("<button type=\"button\" data-setting=\"").append(s).append("\"").append(s.equals(r.setting()) ? " disabled" : "")
                    .append(" aria-label=\"").append(label(s)).append(' ').append(esc(r.rule())).append("\">").append(label(s)).append("</button> ");
        }
        h.append("</td></tr>");
    }

    static String words(String setting) {
        return switch (setting) {
            case "off" -> "off";
            case "down" -> "turned down";
            default -> "as usual";
        };
    }

    private static String label(String setting) {
        return switch (setting) {
            case "off" -> "Turn off";
            case "down" -> "Turn down";
            default -> "As usual";
        };
    }

    private static void model(StringBuilder h, JsonNode model) {
        h.append("<section id=\"model\"><h2>Learned model</h2>");
        if (model == null || model.isNull()) {
            h.append("<p id=\"model-state\">The shipped learned model: no refit pushed for this team. Refit it on the team's marks with")
                    .append(" <code>pressure-monitor train --with-feedback</code>, then <code>pressure-monitor model push</code>.</p></section>");
            return;
        }
        h.append("<p id=\"model-state\">Refitted for this team: <code>").append(esc(model.path("sha256").asText().substring(0, 12))).append("</code>, made ")
                .append(esc(model.path("createdAt").asText())).append(", in use since ").append(esc(model.path("pushedAt").asText()))
                .append(". Agents take it when they start.</p>");
        JsonNode cats = model.path("comparison").path("ours").path("categories");
        if (cats.isObject()) {
            h.append("<div class=\"table-wrap\"><table id=\"comparison\"><thead><tr><th>category</th><th class=\"num\">precision before → refit</th>")
                    .append("<th class=\"num\">recall before → refit</th></tr></thead><tbody>");
            cats.fields().forEachRemaining(e -> h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"num\">")
                    .append(pair(e.getValue(), "precision")).append("</td><td class=\"num\">").append(pair(e.getValue(), "recall")).append("</td></tr>"));
            h.append("</tbody></table></div><p class=\"note\">On our held-out test domains, rules then learned, as the agent nudges.</p>");
        }
        h.append("</section>");
    }

    private static String pair(JsonNode c, String figure) {
        return String.format(Locale.ROOT, "%.3f → %.3f", c.path("base").path(figure).asDouble(), c.path("refit").path(figure).asDouble());
    }
}
