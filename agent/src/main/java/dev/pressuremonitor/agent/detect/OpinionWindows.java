package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the second opinion looks in a settled utterance. The classifier was fitted on turns of one to three
 * sentences (a median of 23 words); a long turn's embedding is an average over everything said in it, so one
 * pressing sentence among neutral ones fades. A turn up to {@link #MAX_WORDS} words is looked at whole; a longer one
 * as windows of whole sentences (a sentence ends at . ? ! or a pause, as in {@link ClauseSegmenter}) packed up to
 * {@link #MAX_WORDS} words, and a sentence longer than that (live speech without pauses has no ends to cut at) as
 * overlapping runs of {@link #RUN_WORDS} words, each starting {@link #STRIDE_WORDS} after the one before. The whole of
 * a long turn is not looked at as well: it heard no more on dev domains the head was not fitted on, and cost as much
 * as all its windows together.
 */
final class OpinionWindows {
    /** Longer than 19 in 20 of the lines the head was fitted on. */
    static final int MAX_WORDS = 34;
    static final int RUN_WORDS = 24;
    static final int STRIDE_WORDS = 12;

    /** The same pause as the clauses the rules see ({@link Utterance}). */
    private static final ClauseSegmenter SENTENCES = new ClauseSegmenter();

    /** Each window as {from, to} word indexes (to exclusive), in order: the whole turn when it is short. */
    static List<int[]> windows(List<Word> words) {
        List<int[]> out = new ArrayList<>();
        if (words.size() <= MAX_WORDS) {
            out.add(new int[]{0, words.size()});
            return out;
        }
        int from = 0; // the window being packed starts here
        int sentence = 0;
        for (int i = 1; i <= words.size(); i++) {
            if (i < words.size() && !SENTENCES.sentenceEnds(words.get(i - 1), words.get(i))) continue;
            // a sentence [sentence, i) ends here
            if (i - from > MAX_WORDS && sentence > from) {
                out.add(new int[]{from, sentence});
                from = sentence;
            }
            if (i - from > MAX_WORDS) { // one sentence too long for a window: runs over it
                for (int s = from; ; s += STRIDE_WORDS) {
                    int e = Math.min(i, s + RUN_WORDS);
                    out.add(new int[]{s, e});
                    if (e == i) break;
                }
                from = i;
            }
            sentence = i;
        }
        if (from < words.size()) out.add(new int[]{from, words.size()});
        return out;
    }
}
