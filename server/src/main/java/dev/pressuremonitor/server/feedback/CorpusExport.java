package dev.pressuremonitor.server.feedback;

import dev.pressuremonitor.models.FeedbackExport;
import dev.pressuremonitor.models.FeedbackMark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A team's marks as labelled lines in the corpus format ({@code seeds/corpus/GUIDE.md}), domain set to the team: a
 * nudge marked not pressure is a NONE line, a confirmed nudge and a missed moment are lines of their category. The
 * text is the rep's words where the transcript was kept, else the matched phrase where that is all there is; what
 * cannot be a line is counted with its reason.
 */
public final class CorpusExport {
    static final String REJECTED = "a manager rejected the mark";
    static final String SUPERSEDED = "another mark on the same nudge counts instead (a manager's mark wins over the rep's)";
    static final String NO_WORDS = "a missed stretch of a call whose transcript was not kept: no words to label";
    static final String DUPLICATE = "the same words with the same label are already a line";

    private CorpusExport() {}

    public static FeedbackExport of(String team, List<FeedbackMark> marks) {
        Map<String, Integer> skipped = new LinkedHashMap<>();
        // one verdict per nudge: the manager's if there is one, else the latest
        Map<String, FeedbackMark> perNudge = new LinkedHashMap<>();
        List<FeedbackMark> kept = new ArrayList<>();
        for (FeedbackMark m : marks) {
            if (m.review() == FeedbackMark.Review.REJECTED) {
                count(skipped, REJECTED);
                continue;
            }
            if (m.alert() == null) {
                kept.add(m);
                continue;
            }
            String key = m.callId() + "#" + m.alert();
            FeedbackMark other = perNudge.get(key);
            if (other == null) perNudge.put(key, m);
            else {
                perNudge.put(key, wins(m, other) ? m : other);
                count(skipped, SUPERSEDED);
            }
        }
        kept.addAll(perNudge.values());
        kept.sort(Comparator.comparingLong(FeedbackMark::markedAt).thenComparing(FeedbackMark::id));
        List<FeedbackExport.CorpusLine> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int phraseOnly = 0;
        for (FeedbackMark m : kept) {
            String text = m.words() != null ? m.words() : m.phrase();
            if (text == null || text.isBlank()) {
                count(skipped, NO_WORDS);
                continue;
            }
            String label = m.kind() == FeedbackMark.Kind.NOT_PRESSURE ? "NONE" : m.category().name();
            if (!seen.add(label + "\n" + text)) {
                count(skipped, DUPLICATE);
                continue;
            }
            if (m.words() == null) phraseOnly++;
            lines.add(new FeedbackExport.CorpusLine(team + "-fb-" + m.id(), team, text, label, m.words() != null ? m.context() : null,
                    m.callId(), m.rule()));
        }
        List<FeedbackExport.Skipped> why = new ArrayList<>();
        skipped.forEach((reason, n) -> why.add(new FeedbackExport.Skipped(reason, n)));
        return new FeedbackExport(team, lines, phraseOnly, why);
    }

    private static boolean wins(FeedbackMark a, FeedbackMark b) {
        if (a.role() != b.role()) return a.role() == FeedbackMark.Role.MANAGER;
        return a.markedAt() >= b.markedAt();
    }

    private static void count(Map<String, Integer> skipped, String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }
}
