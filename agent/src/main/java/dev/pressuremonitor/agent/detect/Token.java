package dev.pressuremonitor.agent.detect;

/**
 * A normalised word in the detector's stream. One spoken word can give several tokens ("i'm" gives "i" "am"),
 * which share its timing and {@code word} index.
 *
 * @param clause which clause of the utterance the word was said in (see {@link ClauseSegmenter}); guards, negations
 *               and pattern gaps do not reach across clauses
 */
public record Token(String text, double start, double end, int word, int clause) {
    public Token(String text, double start, double end, int word) {
        this(text, start, end, word, 0);
    }
}
