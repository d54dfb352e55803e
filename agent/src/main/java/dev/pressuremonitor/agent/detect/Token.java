package dev.pressuremonitor.agent.detect;

/**
 * A normalised word in the detector's stream. One spoken word can give several tokens ("i'm" gives "i" "am"),
 * which share its timing and {@code word} index.
 */
public record Token(String text, double start, double end, int word) {
}
