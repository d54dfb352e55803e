package dev.pressuremonitor.server.team;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.FalseNudgeRate;
import dev.pressuremonitor.models.FeedbackMark;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.calls.Html;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static dev.pressuremonitor.server.calls.Html.esc;

/**
 * The team page's feedback: how often the team marked each category's and rule's nudges "not pressure" (the
 * false-nudge rate a team lead watches), and the reps' marks that wait for the manager to confirm or reject.
 */
record FeedbackPanel(List<FalseNudgeRate> rates, List<FeedbackMark> pending) {
    /** Marks listed for review at most; the oldest come first. */
    static final int MAX_PENDING = 100;

    static FeedbackPanel load(CallStore store, String team, long from, long to) throws SQLException {
        List<FeedbackMark> pending = store.feedback().forTeam(team, null, FeedbackMark.Review.PENDING, 0, Long.MAX_VALUE);
        return new FeedbackPanel(store.feedback().rates(team, from, to), pending.subList(0, Math.min(pending.size(), MAX_PENDING)));
    }

    /** Per category, the sum over its rules, in chart order. */
    List<FalseNudgeRate> perCategory() {
        List<FalseNudgeRate> out = new ArrayList<>();
        for (Category c : Category.pressure()) {
            long nudges = 0, wrong = 0;
            for (FalseNudgeRate r : rates) {
                if (r.category() != c) continue;
                nudges += r.nudges();
                wrong += r.notPressure();
            }
            if (nudges > 0) out.add(new FalseNudgeRate(c, null, nudges, wrong, (double) wrong / nudges));
        }
        return out;
    }

    void render(StringBuilder h, String query) {
        h.append("<section id=\"team-feedback\" class=\"feedback\"><h2>Is the coach right for this team?</h2>");
        if (rates.isEmpty()) {
            h.append("<p class=\"note\" id=\"no-nudges\">No nudges in calls of this period.</p>");
        } else {
            h.append("<p class=\"note\">Nudges in calls of this period, and how many the reps or you marked \u201cnot pressure\u201d. "
                    + "A rule the team often marks wrong is one to <a id=\"turn-down\" href=\"/team/rules" + query + "\">turn down or off</a>.</p>"
                    + "<div class=\"table-wrap\"><table id=\"false-nudges\">"
                    + "<tr><th>what</th><th>rule</th><th class=\"num\">nudges</th><th class=\"num\">not pressure</th><th class=\"num\">false-nudge rate</th></tr>");
            for (FalseNudgeRate c : perCategory()) {
                row(h, c, "category");
                rates.stream().filter(r -> r.category() == c.category())
                        .sorted(Comparator.comparing((FalseNudgeRate r) -> -r.rate()).thenComparing(FalseNudgeRate::rule)).forEach(r -> row(h, r, "rule"));
            }
            h.append("</table></div>");
        }
        h.append("<h3>Reps' marks waiting for you</h3>");
        if (pending.isEmpty()) h.append("<p class=\"note\" id=\"no-pending\">No marks wait for review.</p>");
        else {
            h.append("<ol class=\"fb-list\" id=\"pending-marks\">");
            for (FeedbackMark m : pending) mark(h, m, query);
            h.append("</ol>");
        }
        h.append("</section><script src=\"/api.js\"></script><script src=\"/team-feedback.js\"></script>");
    }

    private static void row(StringBuilder h, FalseNudgeRate r, String kind) {
        h.append("<tr class=\"").append(kind).append("\"").append(r.rule() == null ? "" : " data-rule=\"" + esc(r.rule()) + "\"").append("><td>")
                .append(r.rule() == null ? "<strong>" + esc(r.category().plainWords()) + "</strong>" : "").append("</td><td>")
                .append(r.rule() == null ? "all rules" : esc(r.rule())).append("</td><td class=\"num\">").append(r.nudges())
                .append("</td><td class=\"num\">").append(r.notPressure()).append("</td><td class=\"num\">")
                .append(String.format(Locale.ROOT, "%.0f%%", 100 * r.rate())).append("</td></tr>");
    }

    /** What a mark says, in words: "not pressure: “just checking in” (Chasing the prospect)". */
    static String describe(FeedbackMark m) {
        return switch (m.kind()) {
            case NOT_PRESSURE -> "not pressure: \u201c" + m.phrase() + "\u201d (" + m.category().plainWords() + ")";
            case CONFIRMED -> "right: \u201c" + m.phrase() + "\u201d (" + m.category().plainWords() + ")";
            case MISSED -> "missed " + m.category().plainWords() + (m.words() == null ? "" : ": \u201c" + m.words() + "\u201d");
        };
    }

    /** A rep's own marks on their page, each with what the manager made of it. */
    static void repMarks(StringBuilder h, List<FeedbackMark> marks, String query) {
        h.append("<section id=\"rep-marks\"><h2>Marks on the coach</h2>");
        if (marks.isEmpty()) {
            h.append("<p class=\"note\">No marks in this period. Mark a nudge \u201cnot pressure\u201d in the overlay, or a moment in a call's report.</p></section>");
            return;
        }
        h.append("<ol class=\"fb-list\">");
        for (FeedbackMark m : marks) {
            String state = switch (m.review()) {
                case PENDING -> "waiting for the manager";
                case CONFIRMED -> m.role() == FeedbackMark.Role.MANAGER ? "the manager's own" : "confirmed by the manager";
                case REJECTED -> "the manager disagreed";
            };
            h.append("<li data-mark=\"").append(esc(m.id())).append("\"><span class=\"when\">").append(Html.day(m.markedAt())).append("</span> ")
                    .append(esc(describe(m))).append(" at <a href=\"/calls/").append(esc(m.callId())).append(query).append("\">")
                    .append(dev.pressuremonitor.models.Clock.format(m.start())).append("</a> <span class=\"note\">").append(state).append("</span></li>");
        }
        h.append("</ol></section>");
    }

    private static void mark(StringBuilder h, FeedbackMark m, String query) {
        String what = describe(m);
        h.append("<li data-mark=\"").append(esc(m.id())).append("\"><span class=\"when\">").append(Html.day(m.markedAt())).append("</span> <strong>")
                .append(esc(m.markedBy())).append("</strong> ").append(esc(what)).append(" at ").append(dev.pressuremonitor.models.Clock.format(m.start()))
                .append(" of <a href=\"/calls/").append(esc(m.callId())).append(query).append("\">the call</a>")
                .append(" <button type=\"button\" data-review=\"confirmed\">Confirm</button><button type=\"button\" data-review=\"rejected\">Reject</button>")
                .append("<span class=\"fb-state\" role=\"status\"></span></li>");
    }
}
