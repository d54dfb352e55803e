package dev.pressuremonitor.server.team;

import dev.pressuremonitor.models.CallRow;
import dev.pressuremonitor.models.TeamReport;
import dev.pressuremonitor.server.calls.Html;

import java.time.Duration;
import java.util.Locale;

import static dev.pressuremonitor.server.calls.Html.esc;

/**
 * The team page a sales manager opens on Monday, and the page for one rep: per rep, the pressure score and its
 * weekly trend, the categories that grew, talk share against the 43% mark, and the way to every call's report.
 */
final class TeamPage {
    static final double WINNING_TALK_SHARE = 0.43;

    private TeamPage() {}

    /**
     * @param token    the caller's token for the page's own links, or null
     * @param feedback the team's false-nudge rates and the marks waiting for review
     */
    static String team(TeamView v, String token, FeedbackPanel feedback) {
        StringBuilder h = new StringBuilder(16_384);
        String name = v.team() == null || v.team().isEmpty() ? "All reps" : "Team " + v.team();
        Html.head(h, name + ": Pressure Monitor", false);
        h.append("<header class=\"report-head\"><p class=\"eyebrow\">Pressure Monitor · team</p><h1>").append(esc(name)).append("</h1><p class=\"meta\">")
                .append(Html.day(v.from())).append(" to ").append(Html.day(v.to())).append(", against the ").append(v.period().label()).append(" before</p>");
        periods(h, v, "/team", token);
        h.append("</header>");
        TeamReport.RepStats t = v.total();
        h.append("<section class=\"scores\" aria-label=\"the team in this period\">");
        card(h, "Calls", String.valueOf(t.calls()), t.previousCalls() + " in the " + v.period().label() + " before");
        card(h, "Pressure score", num(t.avgPressureScore()), trend(t.pressureTrend(), v));
        card(h, "Talk share", share(t.avgTalkShare()), "43% wins most");
        h.append("</section>");
        h.append("<section><h2>Reps</h2>");
        if (v.reps().isEmpty()) h.append("<p class=\"note\" id=\"empty\">No ended calls in the last ").append(v.period().label())
                .append(". Choose a longer period above, or check that agents send to this server with this team.</p>");
        h.append("<div class=\"reps\" id=\"team\">");
        for (TeamView.Rep r : v.reps()) repCard(h, r, v, token);
        h.append("</div></section>");
        feedback.render(h, query(token, null));
        h.append("<footer>Pressure score: 0 is calm, 100 is pushing hard; lower is better. Trends compare with the ")
                .append(v.period().label()).append(" before. <a href=\"/api/team").append(query(token, null)).append("\">JSON</a> · <a href=\"/team/rules")
                .append(query(token, null)).append("\">Rules for the team</a>: what the team marks wrong, turned down or off</footer>");
        Html.tail(h, false);
        return h.toString();
    }

    private static void repCard(StringBuilder h, TeamView.Rep r, TeamView v, String token) {
        TeamReport.RepStats s = r.stats();
        String link = "/reps/" + esc(r.rep()) + query(token, v.period().key());
        h.append("<article class=\"rep\" data-rep=\"").append(esc(r.rep())).append("\"><h3><a href=\"").append(link).append("\">").append(esc(r.rep()))
                .append("</a><span class=\"note\">").append(s.calls()).append(s.calls() == 1 ? " call" : " calls").append("</span></h3><div class=\"figs\">")
                .append("<div><span class=\"label\">Pressure score</span><span class=\"big\"><strong>").append(num(s.avgPressureScore())).append("</strong></span>")
                .append("<span class=\"note ").append(trendClass(s.pressureTrend())).append("\">").append(trend(s.pressureTrend(), v)).append("</span></div>")
                .append("<div><span class=\"label\">Talk share</span><span class=\"big\"><strong class=\"talk-share").append(over(s.avgTalkShare()) ? " over" : "")
                .append("\">").append(share(s.avgTalkShare())).append("</strong></span><span class=\"note\">").append(talkNote(s.avgTalkShare())).append("</span></div></div>");
        spark(h, r, v, 240, 44);
        grew(h, r);
        h.append("<p class=\"note\"><a href=\"").append(link).append("\">").append(esc(r.rep())).append("'s calls and reports</a></p></article>");
    }

    /**
     * One rep's page: their own progress, opened with their viewer token or the team's.
     *
     * @param marks the rep's marks on the coach in the period
     */
    static String rep(TeamView v, TeamView.Rep r, String rep, String token, boolean teamReader, java.util.List<dev.pressuremonitor.models.FeedbackMark> marks) {
        StringBuilder h = new StringBuilder(16_384);
        Html.head(h, rep + ": Pressure Monitor", false);
        h.append("<header class=\"report-head\"><p class=\"eyebrow\">Pressure Monitor · ").append(teamReader && v.team() != null && !v.team().isEmpty()
                        ? "<a href=\"/team" + query(token, v.period().key()) + "\">team " + esc(v.team()) + "</a>" : "your progress")
                .append("</p><h1>").append(esc(rep)).append("</h1><p class=\"meta\">").append(Html.day(v.from())).append(" to ").append(Html.day(v.to()))
                .append(", against the ").append(v.period().label()).append(" before</p>");
        periods(h, v, "/reps/" + esc(rep), token);
        h.append("</header>");
        if (r == null) {
            h.append("<p class=\"note\" id=\"empty\">No ended calls in the last ").append(v.period().label()).append(". Choose a longer period above.</p>");
            Html.tail(h, false);
            return h.toString();
        }
        TeamReport.RepStats s = r.stats();
        h.append("<section class=\"scores\" aria-label=\"this period\">");
        card(h, "Pressure score", num(s.avgPressureScore()), trend(s.pressureTrend(), v));
        card(h, "Talk share", share(s.avgTalkShare()), talkNote(s.avgTalkShare()));
        card(h, "Calls", String.valueOf(s.calls()), s.previousCalls() + " in the " + v.period().label() + " before");
        h.append("</section><section><h2>Pressure score by week</h2>");
        spark(h, r, v, 720, 120);
        grew(h, r);
        h.append("</section><section><h2>Calls</h2><div class=\"table-wrap\"><table class=\"calls\" id=\"calls\"><tr><th>when</th><th class=\"num\">length</th>")
                .append("<th class=\"num\">pressure score</th><th class=\"num hide-narrow\">talk share</th><th></th></tr>");
        for (CallRow c : r.calls()) {
            String report = "/calls/" + esc(c.callId()) + query(token, null);
            h.append("<tr><td><a href=\"").append(report).append("\">").append(Html.time(c.startedAt())).append("</a></td><td class=\"num\">")
                    .append(c.duration() == null ? "–" : dev.pressuremonitor.models.Clock.format(c.duration())).append("</td><td class=\"num\">")
                    .append(c.pressureScore() == null ? "–" : c.pressureScore()).append("</td><td class=\"num hide-narrow\">").append(share(c.repTalkShare()))
                    .append("</td><td class=\"num\"><a href=\"").append(report).append("\">report</a></td></tr>");
        }
        h.append("</table></div></section>");
        FeedbackPanel.repMarks(h, marks, query(token, null));
        h.append("<footer>Pressure score: 0 is calm, 100 is pushing hard; lower is better.</footer>");
        Html.tail(h, false);
        return h.toString();
    }

    private static void periods(StringBuilder h, TeamView v, String path, String token) {
        h.append("<nav class=\"controls\" aria-label=\"period\"><span class=\"label\">Period</span><span class=\"period\">");
        for (TeamView.Period p : TeamView.PERIODS) {
            if (p.equals(v.period())) h.append("<strong aria-current=\"true\">").append(p.label()).append("</strong>");
            else h.append("<a href=\"").append(path).append(query(token, p.key())).append("\">").append(p.label()).append("</a>");
        }
        h.append("</span></nav>");
    }

    private static void card(StringBuilder h, String label, String big, String note) {
        h.append("<div><span class=\"label\">").append(esc(label)).append("</span><span class=\"big\"><strong>").append(esc(big))
                .append("</strong></span><span class=\"note\">").append(esc(note)).append("</span></div>");
    }

    private static void grew(StringBuilder h, TeamView.Rep r) {
        h.append("<p class=\"grew\">");
        if (r.grew().isEmpty()) h.append("No pressure category grew.");
        else {
            h.append("Grew: ");
            for (int i = 0; i < Math.min(2, r.grew().size()); i++) {
                TeamView.Growth g = r.grew().get(i);
                h.append(i == 0 ? "" : "; ").append("<span class=\"category-grew\">").append(esc(g.category().plainWords())).append("</span> ")
                        .append(String.format(Locale.ROOT, "(%.1f → %.1f a call)", g.before(), g.now()));
            }
        }
        h.append("</p>");
    }

    /** The weekly pressure score as a small line, 0 to 100, weeks without calls left as gaps. */
    static void spark(StringBuilder h, TeamView.Rep r, TeamView v, int w, int hgt) {
        Double[] weeks = r.weekly();
        int n = weeks.length;
        double pad = 5, plotW = w - 2 * pad, plotH = hgt - 2 * pad;
        h.append(String.format(Locale.ROOT, "<svg class=\"spark%s\" viewBox=\"0 0 %d %d\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"pressure score by week, last %d weeks\">",
                hgt > 60 ? " big" : "", w, hgt, n));
        double mid = pad + plotH / 2;
        h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"0\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", mid, w, mid));
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        long week = Duration.ofDays(7).toMillis();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (weeks[i] == null) {
                pen = false;
                continue;
            }
            double x = pad + (n == 1 ? plotW / 2 : plotW * i / (n - 1)), y = pad + plotH * (1 - weeks[i] / 100.0);
            path.append(pen ? " L" : (path.length() == 0 ? "M" : " M")).append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            pen = true;
            dots.append(String.format(Locale.ROOT, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\"><title>week from %s: %.0f (%d %s)</title></circle>",
                    x, y, hgt > 60 ? "4" : "2.5", java.time.format.DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC)
                            .format(java.time.Instant.ofEpochMilli(v.trendFrom() + i * week)), weeks[i], r.weeklyCalls()[i], r.weeklyCalls()[i] == 1 ? "call" : "calls"));
        }
        if (path.length() > 0) h.append("<path class=\"line\" d=\"").append(path).append("\" vector-effect=\"non-scaling-stroke\"/>");
        Double first = null, last = null;
        for (Double x : weeks) {
            if (x == null) continue;
            if (first == null) first = x;
            last = x;
        }
        h.append(dots).append("</svg><span class=\"note spark-note\">by week, last ").append(n).append(" weeks")
                .append(first == null ? "" : String.format(Locale.ROOT, ": %.0f → %.0f", first, last)).append(" (lower is calmer)</span>");
    }

    static String query(String token, String period) {
        StringBuilder q = new StringBuilder();
        if (period != null) q.append("?period=").append(period);
        if (token != null) q.append(q.length() == 0 ? "?" : "&amp;").append("token=").append(esc(token));
        return q.toString();
    }

    /** Above the research warning (65%: reps who talk that much convert worse): shown in amber. */
    private static boolean over(Double share) {
        return share != null && share > dev.pressuremonitor.models.MetricsThresholds.research().talkShareWarn();
    }

    private static String talkNote(Double share) {
        if (share == null) return "not measured (no prospect channel)";
        double d = share - WINNING_TALK_SHARE;
        return Math.abs(d) <= 0.05 ? "close to the 43% that wins most" : String.format(Locale.ROOT, "%.0f points %s the 43%% that wins most",
                Math.abs(d) * 100, d > 0 ? "above" : "below");
    }

    private static String trendClass(Double trend) {
        return trend == null || Math.abs(trend) < 1 ? "flat" : trend > 0 ? "up" : "down";
    }

    private static String trend(Double trend, TeamView v) {
        if (trend == null) return "no calls to compare in the " + v.period().label() + " before";
        if (Math.abs(trend) < 1) return "about the same as the " + v.period().label() + " before";
        return String.format(Locale.ROOT, "%s %.0f against the %s before", trend > 0 ? "▲ up" : "▼ down", Math.abs(trend), v.period().label());
    }

    private static String num(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String share(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
}
