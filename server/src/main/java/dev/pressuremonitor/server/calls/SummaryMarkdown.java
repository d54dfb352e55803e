package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;

import java.time.ZoneId;
import java.util.Locale;

import static dev.pressuremonitor.server.calls.SummaryBuilder.clock;

/** A call summary as Markdown, for notes and for pasting into a CRM. */
public final class SummaryMarkdown {
    private SummaryMarkdown() {}

    /** Dates in UTC, as the server sends them. */
    public static String render(CallSummary s) {
        return render(s, ZoneId.of("UTC"));
    }

    /** Dates in {@code zone}, the reader's own. */
    public static String render(CallSummary s, ZoneId zone) {
        StringBuilder md = new StringBuilder();
        md.append("# Call report: ").append(SummaryText.rep(s)).append("\n\n");
        md.append(SummaryText.started(s, zone)).append(" · ").append(clock(s.duration())).append(s.ended() ? "" : " so far (in progress)")
                .append(" · pressure score **").append(s.pressureScore()).append("/100**\n\n");
        md.append("## What to work on\n\n");
        int i = 1;
        for (CallSummary.CoachingPoint p : s.coaching()) {
            md.append(i++).append(". **").append(p.title()).append("** (").append(clock(p.at())).append("). ").append(p.detail())
                    .append("\n   *").append(p.trust()).append("*\n");
            if (p.ask() != null) md.append("   Ask instead: \"").append(p.ask()).append("\"\n");
        }
        md.append("\n## Conversation\n\n| | |\n|---|---|\n");
        md.append("| Your talk share | ").append(s.repTalkShare() == null ? "not measured (no prospect channel)" : String.format(Locale.ROOT, "%.0f%%", s.repTalkShare() * 100)).append(" |\n");
        md.append("| Longest monologue | ").append(clock(s.longestMonologue())).append(" at ").append(clock(s.longestMonologueAt())).append(" |\n");
        md.append("| Pace | ").append(String.format(Locale.ROOT, "%.0f words/min", s.wordsPerMinute())).append(" |\n");
        md.append("| Questions | ").append(s.openQuestions() + s.closedQuestions()).append(" (").append(s.openQuestions()).append(" open, ")
                .append(s.closedQuestions()).append(" closed) |\n");
        md.append("| Interruptions | ").append(s.interruptions()).append(" |\n");
        md.append("| Pause before answering objections | ").append(SummaryPage.pauses(s)).append(" |\n");
        md.append("\n## ").append(SummaryBuilder.PRESSURE_HEADING).append("\n\n");
        if (s.alerts().isEmpty()) md.append(SummaryBuilder.NONE_DETECTED).append('\n');
        for (CallSummary.AlertMoment a : s.alerts()) {
            md.append("- ").append(clock(a.at())).append(" ").append(a.category()).append(": \"").append(a.phrase()).append("\"\n");
        }
        md.append("\n## ").append(SummaryBuilder.TRUST_HEADING).append("\n\n");
        if (s.trustSignals().isEmpty()) md.append(SummaryBuilder.NONE_DETECTED).append('\n');
        for (CallSummary.TrustMoment t : s.trustSignals()) md.append("- ").append(clock(t.at())).append(" \"").append(t.phrase()).append("\"\n");
        return md.toString();
    }
}
