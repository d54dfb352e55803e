package dev.pressuremonitor.agent.detect.learned;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WordPieceTokenizerTest {
    private static final Map<String, Integer> VOCAB = Map.ofEntries(
            Map.entry("[PAD]", 0), Map.entry("[UNK]", 100), Map.entry("[CLS]", 101), Map.entry("[SEP]", 102),
            Map.entry("sign", 1), Map.entry("today", 2), Map.entry("!", 3), Map.entry("un", 4), Map.entry("##afford", 5),
            Map.entry("##able", 6), Map.entry("cafe", 7), Map.entry(",", 8), Map.entry("it", 9), Map.entry("'", 10), Map.entry("s", 11));

    private final WordPieceTokenizer tokenizer = new WordPieceTokenizer(VOCAB, 16);

    @Test
    void marksTheStartAndEndAndLowerCases() {
        assertThat(tokenizer.encode("SIGN today")).containsExactly(101, 1, 2, 102);
    }

    @Test
    void cutsAWordIntoTheLongestPiecesTheVocabularyKnows() {
        assertThat(tokenizer.encode("unaffordable")).containsExactly(101, 4, 5, 6, 102);
    }

    @Test
    void splitsPunctuationOffAndStripsAccents() {
        assertThat(tokenizer.encode("Café, it's today!")).containsExactly(101, 7, 8, 9, 10, 11, 2, 3, 102);
    }

    @Test
    void aWordWithAnUnknownPieceIsOneUnknownToken() {
        assertThat(tokenizer.encode("sign unaffordxyz today")).containsExactly(101, 1, 100, 2, 102);
    }

    @Test
    void aLongTextIsCutToTheLimitWithTheEndMarkerKept() {
        long[] ids = tokenizer.encode("sign ".repeat(40));
        assertThat(ids).hasSize(16);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[15]).isEqualTo(102);
    }
}
