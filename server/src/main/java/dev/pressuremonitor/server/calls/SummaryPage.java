package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Category;

import java.util.Locale;

import static dev.pressuremonitor.server.calls.SummaryBuilder.clock;

/**
 * A call summary as a calm, printable HTML page: the score beside the rep's and the team's usual, three coaching
 * points, a chart of pressure and talk with its scale and legend, the figures, and the moments.
 */
public final class SummaryPage {
    /**
     * What the page knows besides the summary.
     *
     * @param query   appended to the page's own links, e.g. "?token=..." so they work behind access control
     * @param rep     the rep's usual score (median of their recent ended calls), or null
     * @param team    the team's usual score, or null
     * @param offline the file an offline report was made from; the page then links nowhere and shows no date
     */
    public record Context(String query, Typical rep, Typical team, String offline) {
        public static final Context NONE = new Context("", null, null, null);

        public static Context offline(String source) {
            return new Context("", null, null, source);
        }
    }

    /** A usual score: the median over {@code calls} recent ended calls. */
    public record Typical(int median, int calls) {}

    private SummaryPage() {}

    public static String render(CallSummary s) {
        return render(s, Context.NONE);
    }

    public static String render(CallSummary s, String query) {
        return render(s, new Context(query, null, null, null));
    }

    public static String render(CallSummary s, Context ctx) {
        String rep = s.rep().isEmpty() ? "Unknown rep" : s.rep();
        StringBuilder h = new StringBuilder(12_000);
        Html.head(h, "Call report: " + rep, ctx.offline() != null);
        h.append("<header class=\"report-head\"><p class=\"eyebrow\">Call report</p><h1>").append(Html.esc(rep)).append("</h1><p class=\"meta\">");
        if (ctx.offline() != null) h.append("from ").append(Html.esc(ctx.offline())).append(s.startedAt() == 0 ? "" : " · ");
        if (s.startedAt() != 0) h.append(Html.time(s.startedAt()));
        else if (ctx.offline() == null) h.append(SummaryText.UNKNOWN_START);
        h.append(" · ").append(clock(s.duration())).append(s.ended() ? " long" : " so far (in progress)")
                .append(s.team().isEmpty() ? "" : " · team " + Html.esc(s.team())).append("</p></header>");

        score(h, s, ctx);
        coaching(h, s);

        h.append("<section><h2>Pressure and talk over the call</h2>").append(SummaryChart.svg(s)).append(SummaryChart.legend(s)).append("</section>");

        h.append("<section><h2>Conversation</h2><table class=\"figures\">");
        row(h, "Your talk share", s.repTalkShare() == null ? "not measured (no prospect channel)" : pct(s.repTalkShare()) + " (about 43% wins most)");
        row(h, "Longest monologue", clock(s.longestMonologue()) + " at " + clock(s.longestMonologueAt()));
        row(h, "Pace", String.format(Locale.ROOT, "%.0f words a minute", s.wordsPerMinute()));
        row(h, "Questions", (s.openQuestions() + s.closedQuestions()) + " (" + s.openQuestions() + " open, " + s.closedQuestions() + " closed)");
        row(h, "Interruptions", String.valueOf(s.interruptions()));
        row(h, "Pause before answering objections", pauses(s));
        h.append("</table></section>");

        h.append("<section><h2>").append(SummaryBuilder.PRESSURE_HEADING).append("</h2>");
        if (s.alerts().isEmpty()) h.append("<p>").append(SummaryBuilder.NONE_DETECTED).append("</p>");
        else {
            h.append("<table class=\"alerts\"><tr><th>when</th><th>what</th><th>words</th></tr>");
            for (CallSummary.AlertMoment a : s.alerts()) {
                h.append("<tr><td class=\"when\">").append(clock(a.at())).append("</td><td>").append(Html.esc(a.category().plainWords()))
                        .append("</td><td>“").append(Html.esc(a.phrase())).append("”</td></tr>");
            }
            h.append("</table>");
        }
        h.append("</section>");
        // marking the call: filled in by feedback.js from the server, so a report made offline has none
        if (ctx.offline() == null) {
            h.append("<section id=\"feedback\" class=\"feedback\" data-call=\"").append(Html.esc(s.callId()))
                    .append("\" hidden><h2>Was the coach right?</h2></section><script src=\"/api.js\"></script><script src=\"/feedback.js\"></script>");
        }
        h.append("<section><h2>").append(SummaryBuilder.TRUST_HEADING).append("</h2>");
        if (s.trustSignals().isEmpty()) h.append("<p>").append(SummaryBuilder.NONE_DETECTED).append("</p>");
        else {
            h.append("<ul class=\"trust-list\">");
            for (CallSummary.TrustMoment t : s.trustSignals()) {
                h.append("<li><span class=\"when\">").append(clock(t.at())).append("</span> “").append(Html.esc(t.phrase())).append("”</li>");
            }
            h.append("</ul>");
        }
        h.append("</section><footer>");
        if (ctx.offline() != null) {
            h.append("Made offline by pressure-monitor analyze; nothing was sent anywhere.");
        } else {
            String q = Html.esc(ctx.query());
            h.append("<a href=\"/reps/").append(Html.esc(s.rep())).append(q).append("\">").append(Html.esc(rep)).append("'s calls</a> · <a href=\"/calls/")
                    .append(Html.esc(s.callId())).append(".md").append(q).append("\">Markdown</a> · <a href=\"/api/calls/")
                    .append(Html.esc(s.callId())).append(q).append("\">JSON</a>");
        }
        h.append("</footer>");
        Html.tail(h, ctx.offline() != null);
        return h.toString();
    }

    private static void score(StringBuilder h, CallSummary s, Context ctx) {
        h.append("<section class=\"scores\" aria-label=\"pressure score\"><div class=\"score-main\"><span class=\"label\">Pressure score</span>")
                .append("<span class=\"big\"><strong id=\"pressure-score\">").append(s.pressureScore()).append("</strong><span class=\"of\">/100</span></span>")
                .append("<span class=\"note\">").append(level(s.pressureScore())).append(" · 0 is calm, 100 is pushing hard</span></div>");
        typical(h, "rep-typical", s.rep().isEmpty() ? "This rep" : s.rep() + "'s usual", ctx.rep(), s.pressureScore());
        typical(h, "team-typical", s.team().isEmpty() ? "Team's usual" : "Team " + s.team() + "'s usual", ctx.team(), s.pressureScore());
        h.append("</section>");
    }

    private static void typical(StringBuilder h, String id, String label, Typical t, int score) {
        if (t == null) return;
        int diff = score - t.median();
        String compared = diff == 0 ? "this call: the same" : "this call: " + Math.abs(diff) + (diff > 0 ? " higher" : " lower");
        h.append("<div class=\"score-typical\" id=\"").append(id).append("\"><span class=\"label\">").append(Html.esc(label)).append("</span>")
                .append("<span class=\"big\"><strong>").append(t.median()).append("</strong></span><span class=\"note\">median of ")
                .append(t.calls()).append(t.calls() == 1 ? " call" : " calls").append(" · ").append(compared).append("</span></div>");
    }

    static String level(int score) {
        return score >= 66 ? "High pressure" : score >= 33 ? "Some pressure" : "Calm";
    }

    private static void coaching(StringBuilder h, CallSummary s) {
        h.append("<section><h2>What to work on</h2><ol class=\"coaching\">");
        for (CallSummary.CoachingPoint p : s.coaching()) {
            h.append("<li><h3>").append(Html.esc(p.title())).append(" <span class=\"at\">").append(clock(p.at())).append("</span></h3><p>")
                    .append(Html.esc(p.detail())).append("</p><p class=\"trust\">").append(Html.esc(p.trust())).append("</p>");
            if (p.ask() != null) h.append("<p class=\"ask\"><span class=\"ask-label\">Ask instead</span> “").append(Html.esc(p.ask())).append("”</p>");
            h.append("</li>");
        }
        h.append("</ol></section>");
    }

    /** The pauses before answering objections, as every report format writes them. */
    public static String pauses(CallSummary s) {
        return s.objectionPauses().isEmpty() ? "none measured"
                : String.join(", ", s.objectionPauses().stream().map(p -> String.format(Locale.ROOT, "%.1f s", p)).toList());
    }

    /** A category as people read it. */
    static String words(Category c) {
        return c.plainWords();
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(Html.esc(k)).append("</th><td>").append(Html.esc(v)).append("</td></tr>");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    static String esc(String s) {
        return Html.esc(s);
    }
}
