package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.List;

/** What one speaker said in one segment: the words as heard and the token stream the rules read. */
public record Utterance(Speaker speaker, List<Word> words, List<Token> tokens) {

    private static final Normalizer NORMALIZER = new Normalizer();
    private static final FillerFilter FILLERS = new FillerFilter();
    private static final ClauseSegmenter CLAUSES = new ClauseSegmenter();
    private static final Stutters STUTTERS = new Stutters();
    private static final DiscourseMarkers MARKERS = new DiscourseMarkers();
    private static final BareContractions BARE = new BareContractions();

    /** Runs the token stages (mark clauses, normalise, drop fillers, drop "you know" said in passing, read a restart once, read contractions missing their apostrophe) over recognised words. */
    public static Utterance of(Speaker speaker, List<Word> words) {
        int[] clause = CLAUSES.clauses(words);
        List<Token> tokens = new ArrayList<>(words.size() + 4);
        for (int i = 0; i < words.size(); i++) NORMALIZER.normalize(words.get(i), i, clause[i], tokens);
        FILLERS.filter(tokens);
        // "you you know really need": the passing "you know" first, so the restart does not take the subject with it
        MARKERS.drop(tokens);
        STUTTERS.collapse(tokens);
        BARE.read(tokens);
        return new Utterance(speaker, words, tokens);
    }

    /**
     * The words the rules read, as the recogniser spelled them: each word behind a token, once, in order. What the
     * stages dropped (a hesitation, a restart's first saying again, a "you know" in passing) is not among them.
     */
    public List<Word> readWords() {
        List<Word> out = new ArrayList<>(words.size());
        int last = -1;
        for (Token t : tokens) {
            if (t.word() == last) continue;
            last = t.word();
            out.add(words.get(last));
        }
        return out;
    }

    /** The words behind tokens {@code first..last}, as the recogniser spelled them. */
    public String heard(int first, int last) {
        int from = tokens.get(first).word(), to = tokens.get(last).word();
        StringBuilder sb = new StringBuilder();
        for (int w = from; w <= to; w++) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(words.get(w).text());
        }
        return sb.toString();
    }
}
