package dev.pressuremonitor.agent.detect;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Vosk re-sends an utterance many times as its partial result grows and once more as the final result, and may
 * shift word times slightly while revising. This stage lets each (rule, first word) through once.
 */
public final class RepeatFilter {
    /** Revisions move a word's start by tens of milliseconds; distinct utterances of a phrase are seconds apart. */
    static final double SAME_WORDS_TOLERANCE = 0.35;
    private static final double FORGET_AFTER = 120;

    private record Seen(String rule, double start) {}

    private final Deque<Seen> seen = new ArrayDeque<>();
    private double latest;

    /** True the first time; false when the same rule already fired on the same words. */
    public boolean firstTime(String rule, double start) {
        for (Seen s : seen) {
            if (s.rule().equals(rule) && Math.abs(s.start() - start) <= SAME_WORDS_TOLERANCE) return false;
        }
        seen.addLast(new Seen(rule, start));
        latest = Math.max(latest, start);
        while (!seen.isEmpty() && seen.peekFirst().start() < latest - FORGET_AFTER) seen.removeFirst();
        return true;
    }
}
