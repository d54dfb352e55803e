package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns written text (from {@code classify} input or a typed transcript) into the word stream Vosk would give:
 * one word per whitespace- or hyphen-separated chunk, with evenly spaced synthetic timings.
 */
public final class TextTokenizer {
    /** Roughly 150 words per minute. */
    public static final double SECONDS_PER_WORD = 0.4;

    public static List<Word> words(String text, double startAt) {
        List<Word> out = new ArrayList<>();
        double t = startAt;
        for (String chunk : text.split("[\\s\\-\u2013\u2014/]+")) {
            if (Normalizer.clean(chunk).isEmpty()) continue;
            out.add(new Word(chunk, t, t + SECONDS_PER_WORD * 0.9, 1.0));
            t += SECONDS_PER_WORD;
        }
        return out;
    }

    private TextTokenizer() {}
}
