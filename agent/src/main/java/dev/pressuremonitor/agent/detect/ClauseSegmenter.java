package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Word;

import java.util.List;
import java.util.Set;

/**
 * Token stage: marks where clauses begin, so guards, negations and pattern gaps stay inside the clause they were
 * said in and a pressure in a turn's second sentence is heard on its own. Written text gives its punctuation
 * (". ? ! ; :", a dash, a comma before a word that opens a clause); live speech has none, so a pause between words
 * longer than {@link #DEFAULT_PAUSE} counts as a boundary too.
 */
public final class ClauseSegmenter {
    /** A pause in Vosk word timings longer than this ends a clause (people pause between thoughts, not inside them). */
    public static final double DEFAULT_PAUSE = 0.6;

    /** After a comma, these words start a new clause ("no rush, but the price goes up friday"). */
    private static final Set<String> OPENERS = Set.of("but", "and", "so", "because", "cause", "though", "although", "however",
            "if", "then", "when", "which", "while", "unless", "until", "anyway", "i", "we", "you", "they", "he", "she", "it",
            "that", "this", "there", "let", "honestly", "frankly", "plus", "otherwise", "meanwhile", "still", "also", "now");
    /** Words whose full stop is an abbreviation's, not a sentence end. */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr", "inc", "ltd", "approx");

    private final double pause;

    public ClauseSegmenter() {
        this(DEFAULT_PAUSE);
    }

    public ClauseSegmenter(double pauseSeconds) {
        this.pause = pauseSeconds;
    }

    /** The clause index of every word: 0 for the first clause, one more after each boundary. */
    public int[] clauses(List<Word> words) {
        int[] out = new int[words.size()];
        int clause = 0;
        for (int i = 1; i < out.length; i++) {
            if (boundary(words.get(i - 1), words.get(i))) clause++;
            out[i] = clause;
        }
        return out;
    }

    /** Whether a new clause starts between {@code before} and {@code after}. */
    boolean boundary(Word before, Word after) {
        return ends(before, after, false);
    }

    /** Whether a sentence ends between {@code before} and {@code after}: a pause, or . ? ! (not ; : dashes or commas). */
    boolean sentenceEnds(Word before, Word after) {
        return ends(before, after, true);
    }

    private boolean ends(Word before, Word after, boolean sentence) {
        if (after.start() - before.end() > pause) return true;
        String t = before.text();
        int end = t.length();
        while (end > 0 && "\"')]\u201d\u2019".indexOf(t.charAt(end - 1)) >= 0) end--;
        if (end == 0) return false;
        char last = t.charAt(end - 1);
        switch (last) {
            case '?', '!', '\u2026' -> {
                return true;
            }
            case ';', ':', '\u2013', '\u2014' -> {
                return !sentence;
            }
            case '.' -> {
                String word = t.substring(0, end - 1).toLowerCase(java.util.Locale.ROOT);
                if (word.endsWith(".")) return true; // an ellipsis
                // "p.m." and "e.g." carry inner stops; "Mr." and "Inc." are abbreviations
                return !word.contains(".") && !ABBREVIATIONS.contains(word);
            }
            case ',' -> {
                return !sentence && OPENERS.contains(Normalizer.clean(after.text()));
            }
            default -> {
                return false;
            }
        }
    }
}
