package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns written text (from {@code classify} input or a typed transcript) into the word stream Vosk would give:
 * one word per whitespace- or hyphen-separated chunk, with evenly spaced synthetic timings. A dash between words
 * ("today - or", "today—or") stays on the word before it as "—", so {@link ClauseSegmenter} sees the break.
 */
public final class TextTokenizer {
    private static final java.util.regex.Pattern DASH = java.util.regex.Pattern.compile("\\s*(?:--+|[\u2013\u2014])\\s*|\\s+-+\\s+");

    /** Roughly 150 words per minute. */
    public static final double SECONDS_PER_WORD = 0.4;

    public static List<Word> words(String text, double startAt) {
        List<Word> out = new ArrayList<>();
        double t = startAt;
        for (String chunk : DASH.matcher(text).replaceAll("\u2014 ").split("[\\s\\-/]+")) {
            if (Normalizer.clean(chunk).isEmpty()) continue;
            out.add(new Word(chunk, t, t + SECONDS_PER_WORD * 0.9, 1.0));
            t += SECONDS_PER_WORD;
        }
        return out;
    }

    private TextTokenizer() {}
}
