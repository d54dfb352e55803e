package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Category;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Vosk re-sends an utterance many times as its partial result grows and once more as the final result, and may
 * shift word times slightly while revising. This stage lets each moment through once: a rule on the same first word
 * again, or another rule of the same kind on words already reported (a partial's "let me" growing into the final's
 * "let me tell you"), is the moment the rep has already heard about.
 */
public final class RepeatFilter {
    /** Revisions move a word's start by tens of milliseconds; distinct utterances of a phrase are seconds apart. */
    static final double SAME_WORDS_TOLERANCE = 0.35;
    /**
     * Spans of two hits must share at least this long to be the same words: a shared word lasts a tenth of a second
     * or more, while two neighbouring phrases can touch by a revision's tens of milliseconds.
     */
    static final double SHARED_WORDS = 0.1;
    private static final double FORGET_AFTER = 120;

    private record Seen(String rule, Category.Kind kind, double start, double end) {}

    private final Deque<Seen> seen = new ArrayDeque<>();
    private double latest;

    /** True the first time; false when the same rule, or another of its kind, already fired on these words. */
    public boolean firstTime(RuleHit hit) {
        Category.Kind kind = hit.rule().category().kind();
        for (Seen s : seen) {
            if (s.rule().equals(hit.rule().id()) && Math.abs(s.start() - hit.start()) <= SAME_WORDS_TOLERANCE) return false;
            if (s.kind() == kind && Math.min(s.end(), hit.end()) - Math.max(s.start(), hit.start()) >= SHARED_WORDS) return false;
        }
        seen.addLast(new Seen(hit.rule().id(), kind, hit.start(), hit.end()));
        latest = Math.max(latest, hit.start());
        while (!seen.isEmpty() && seen.peekFirst().start() < latest - FORGET_AFTER) seen.removeFirst();
        return true;
    }
}
