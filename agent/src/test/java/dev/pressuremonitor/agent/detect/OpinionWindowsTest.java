package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the second opinion looks in a settled turn: whole when short, a few sentences at a time when long. */
class OpinionWindowsTest {
    /** {@code n} plain words "w0 w1 ...", the last one ending with {@code end}. */
    private static String words(int from, int n, String end) {
        return IntStream.range(from, from + n).mapToObj(i -> "w" + i).collect(Collectors.joining(" ")) + end;
    }

    private static List<String> looks(List<Word> words) {
        return OpinionWindows.windows(words).stream().map(w -> w[0] + "-" + w[1]).toList();
    }

    @Test
    void aTurnAsLongAsTheLinesTheHeadLearnedFromIsLookedAtWholeOnly() {
        assertThat(looks(TextTokenizer.words(words(0, OpinionWindows.MAX_WORDS, "."), 0))).containsExactly("0-34");
    }

    @Test
    void aLongWrittenTurnIsLookedAtAsWholeSentencesPackedUpToTheLimit() {
        // five sentences of ten words: three fit in a window of 34, the fourth starts the next
        String text = String.join(" ", words(0, 10, "."), words(10, 10, "?"), words(20, 10, "!"), words(30, 10, "."), words(40, 10, "."));
        assertThat(looks(TextTokenizer.words(text, 0))).containsExactly("0-30", "30-50");
    }

    @Test
    void aSemicolonDoesNotEndTheSentenceAWindowKeeps() {
        String text = String.join(" ", words(0, 20, ";"), words(20, 20, "."));
        assertThat(looks(TextTokenizer.words(text, 0))).containsExactly("0-24", "12-36", "24-40");
    }

    @Test
    void aLongTurnWithoutSentenceEndsIsLookedAtInOverlappingRuns() {
        // live speech without a pause has nothing to cut at: runs of 24 words, each 12 after the one before
        assertThat(looks(Words.at(0, words(0, 50, "")))).containsExactly("0-24", "12-36", "24-48", "36-50");
    }

    @Test
    void aPauseEndsASentenceInLiveSpeech() {
        List<Word> spoken = new ArrayList<>(Words.at(0, 0.3, words(0, 20, "")));
        spoken.addAll(Words.at(10, 0.3, words(20, 20, ""))); // four seconds of silence before the second half
        assertThat(looks(spoken)).containsExactly("0-20", "20-40");
    }
}
