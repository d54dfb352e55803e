package dev.pressuremonitor.models;

import java.util.List;

/**
 * Words from one speaker. A partial segment is Vosk's current guess for the utterance in progress and may be
 * revised; a final one is settled.
 */
public record TranscriptSegment(Speaker speaker, boolean isFinal, List<Word> words) implements Event {
    public TranscriptSegment {
        Require.nonNull(speaker, "speaker");
        words = List.copyOf(Require.nonNull(words, "words"));
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(w.text());
        }
        return sb.toString();
    }
}
