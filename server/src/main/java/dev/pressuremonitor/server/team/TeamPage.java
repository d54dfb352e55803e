package dev.pressuremonitor.server.team;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.TeamReport;

import java.time.Instant;
import java.util.Locale;

/** The team page: one row per rep over the period, with the trend against the period before. */
final class TeamPage {
    private TeamPage() {}

    static String render(TeamReport r) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Team</title><link rel=\"stylesheet\" href=\"/summary.css\"></head><body><main>")
                .append("<h1>Team").append(r.team() == null ? "" : " " + esc(r.team())).append("</h1><p class=\"meta\">")
                .append(Instant.ofEpochMilli(r.from())).append(" to ").append(Instant.ofEpochMilli(r.to()))
                .append(", against the period before</p><table id=\"team\"><tr><th>rep</th><th>calls</th><th>pressure score</th><th>trend</th><th>talk share</th>");
        for (Category c : Category.pressure()) h.append("<th>").append(c.name().toLowerCase()).append("/call</th>");
        h.append("</tr>");
        for (TeamReport.RepStats s : r.reps()) row(h, s, false);
        row(h, r.total(), true);
        h.append("</table>");
        if (r.reps().isEmpty()) h.append("<p>No ended calls in this period.</p>");
        h.append("</main></body></html>");
        return h.toString();
    }

    private static void row(StringBuilder h, TeamReport.RepStats s, boolean total) {
        h.append(total ? "<tr class=\"total\"><td><strong>all reps</strong></td>" : "<tr><td>" + esc(s.rep()) + "</td>");
        h.append("<td>").append(s.calls()).append("</td><td>").append(num(s.avgPressureScore(), "%.0f")).append("</td><td>")
                .append(s.pressureTrend() == null ? "–" : String.format(Locale.ROOT, "%+.0f", s.pressureTrend())).append("</td><td>")
                .append(s.avgTalkShare() == null ? "–" : String.format(Locale.ROOT, "%.0f%%", s.avgTalkShare() * 100)).append("</td>");
        for (TeamReport.CategoryRate c : s.alertsPerCall()) h.append("<td>").append(String.format(Locale.ROOT, "%.1f", c.perCall())).append("</td>");
        h.append("</tr>");
    }

    private static String num(Double v, String fmt) {
        return v == null ? "–" : String.format(Locale.ROOT, fmt, v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
