package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static dev.pressuremonitor.server.calls.SummaryBuilder.clock;

/** A call summary as plain text for the terminal. */
public final class SummaryText {
    /** What a report says for a call whose start is not known (a recording that does not carry its time). */
    public static final String UNKNOWN_START = "recorded call";

    private SummaryText() {}

    /** Dates in UTC, as the server sends them. */
    public static String render(CallSummary s) {
        return render(s, ZoneId.of("UTC"));
    }

    /** Dates in {@code zone}, the reader's own. */
    public static String render(CallSummary s, ZoneId zone) {
        StringBuilder t = new StringBuilder();
        t.append("Call report: ").append(rep(s)).append('\n').append(started(s, zone)).append(", ").append(clock(s.duration()))
                .append(", pressure score ").append(s.pressureScore()).append("/100\n\n");
        t.append("What to work on\n");
        int i = 1;
        for (CallSummary.CoachingPoint p : s.coaching()) {
            t.append("  ").append(i++).append(". ").append(p.title()).append(" (").append(clock(p.at())).append(")\n     ")
                    .append(p.detail()).append("\n     -> ").append(p.trust()).append('\n');
            if (p.ask() != null) t.append("     Ask instead: \"").append(p.ask()).append("\"\n");
        }
        t.append("\nConversation\n");
        t.append("  talk share          ").append(s.repTalkShare() == null ? "not measured (no prospect channel)" : String.format(Locale.ROOT, "%.0f%%", s.repTalkShare() * 100)).append('\n');
        t.append("  longest monologue   ").append(clock(s.longestMonologue())).append(" at ").append(clock(s.longestMonologueAt())).append('\n');
        t.append("  pace                ").append(String.format(Locale.ROOT, "%.0f words/min", s.wordsPerMinute())).append('\n');
        t.append("  questions           ").append(s.openQuestions() + s.closedQuestions()).append(" (").append(s.openQuestions()).append(" open, ")
                .append(s.closedQuestions()).append(" closed)\n");
        t.append("  interruptions       ").append(s.interruptions()).append('\n');
        t.append("  objection pauses    ").append(SummaryPage.pauses(s)).append('\n');
        t.append('\n').append(SummaryBuilder.PRESSURE_HEADING).append('\n');
        if (s.alerts().isEmpty()) t.append("  ").append(SummaryBuilder.NONE_DETECTED).append('\n');
        for (CallSummary.AlertMoment a : s.alerts()) {
            t.append(String.format(Locale.ROOT, "  %6s  %-8s \"%s\"%n", clock(a.at()), a.category(), a.phrase()));
        }
        t.append('\n').append(SummaryBuilder.TRUST_HEADING).append('\n');
        if (s.trustSignals().isEmpty()) t.append("  ").append(SummaryBuilder.NONE_DETECTED).append('\n');
        for (CallSummary.TrustMoment m : s.trustSignals()) t.append(String.format(Locale.ROOT, "  %6s  \"%s\"%n", clock(m.at()), m.phrase()));
        return t.toString();
    }

    static String rep(CallSummary s) {
        return s.rep().isEmpty() ? "unknown rep" : s.rep();
    }

    /** When the call started, as a person writes it ("Fri 20 Nov 2026, 14:03 CET"), or {@link #UNKNOWN_START}. */
    static String started(CallSummary s, ZoneId zone) {
        if (s.startedAt() == 0) return UNKNOWN_START;
        return DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.ENGLISH).withZone(zone).format(Instant.ofEpochMilli(s.startedAt()));
    }
}
