package dev.pressuremonitor.agent.detect;

/**
 * A rule matched tokens {@code first..last} of an utterance, heard from {@code start} to {@code end} seconds.
 *
 * @param phrase the matched words as the recogniser spelled them
 */
public record RuleHit(Rule rule, int first, int last, double start, double end, String phrase) {
    public int length() {
        return last - first + 1;
    }

    boolean overlaps(RuleHit o) {
        return first <= o.last && o.first <= last;
    }
}
