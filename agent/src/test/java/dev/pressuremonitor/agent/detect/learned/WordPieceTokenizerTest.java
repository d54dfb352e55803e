package dev.pressuremonitor.agent.detect.learned;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aWordCutByTheLimitKeepsThePiecesThatFit() {
        // 13 words of one piece, then one of three: only its first piece fits before the end marker
        long[] ids = tokenizer.encode("sign ".repeat(13) + "unaffordable");
        assertThat(ids).hasSize(16);
        assertThat(ids[13]).isEqualTo(1);
        assertThat(ids[14]).isEqualTo(4);
        assertThat(ids[15]).isEqualTo(102);
    }

    @Test
    void aWordOfAHundredCharactersIsSpeltAndALongerOneIsUnknown() {
        Map<String, Integer> vocab = new HashMap<>(VOCAB);
        vocab.put("a".repeat(100), 20);
        vocab.put("##a", 21);
        WordPieceTokenizer t = new WordPieceTokenizer(vocab, 16);
        assertThat(t.encode("a".repeat(100))).containsExactly(101, 20, 102);
        assertThat(t.encode("a".repeat(101))).containsExactly(101, 100, 102);
    }

    @Test
    void aWordThatCannotBeSpeltIsUnknownEvenWhenTheVocabularyHoldsABareContinuationMark() {
        Map<String, Integer> vocab = new HashMap<>(VOCAB);
        vocab.put("##", 12);
        assertThat(new WordPieceTokenizer(vocab, 16).encode("sign unaffordxyz")).containsExactly(101, 1, 100, 102);
    }

    @Test
    void theWordsOfATextAreItsWordsAndPunctuationMarksLowerCasedWithoutAccents() {
        assertThat(WordPieceTokenizer.words("  Café, it's TODAY!  ")).containsExactly("cafe", ",", "it", "'", "s", "today", "!");
        assertThat(WordPieceTokenizer.words("Ñandú e\u0301te")).containsExactly("nandu", "ete");
    }

    @Test
    void everyAsciiMarkThatIsNoLetterOrDigitStandsAlone() {
        assertThat(WordPieceTokenizer.words("$5+1=6 a<b>c^d`e|f~g @x [y] {z} \"q\" #1 50% a/b a\\b a_b a-b a:b a;b a?b"))
                .containsExactly("$", "5", "+", "1", "=", "6", "a", "<", "b", ">", "c", "^", "d", "`", "e", "|", "f", "~", "g",
                        "@", "x", "[", "y", "]", "{", "z", "}", "\"", "q", "\"", "#", "1", "50", "%", "a", "/", "b", "a", "\\", "b",
                        "a", "_", "b", "a", "-", "b", "a", ":", "b", "a", ";", "b", "a", "?", "b");
    }

    @Test
    void unicodePunctuationStandsAloneButCurrencyAndEmojiStayInTheWord() {
        assertThat(WordPieceTokenizer.words("\u201Cwell\u201D\u2014no\u2026 5\u20AC ok\uD83D\uDE00"))
                .containsExactly("\u201C", "well", "\u201D", "\u2014", "no", "\u2026", "5\u20AC", "ok\uD83D\uDE00");
    }

    @Test
    void invisibleAndControlCharactersAreDroppedAndTheWordStaysWhole() {
        // a NUL, a bell, a zero-width space, a soft hyphen, a byte order mark, a private-use character, a replacement character
        assertThat(WordPieceTokenizer.words("si\u0000gn to\u0007day to\u200Bday to\u00ADday \uFEFFsign si\uE000gn si\uFFFDgn"))
                .containsExactly("sign", "today", "today", "today", "sign", "sign", "sign");
        assertThat(tokenizer.encode("\uFEFFsign to\u00ADday")).containsExactly(101, 1, 2, 102);
    }

    @Test
    void tabsLineBreaksAndUnicodeSpacesSeparateWords() {
        assertThat(WordPieceTokenizer.words("sign\ttoday\nsign\rtoday\u00A0sign\u2003today\u3000sign"))
                .containsExactly("sign", "today", "sign", "today", "sign", "today", "sign");
    }

    @Test
    void eachCjkIdeographIsAWordOfItsOwnAsBertsTableSays() {
        // unified ideographs, extensions A to E, compatibility ideographs (one decomposes, one does not)
        String[] ideographs = {"\u4E00", "\u3400", "\uD840\uDC00", "\uD869\uDF00", "\uD86D\uDF40", "\uD86E\uDC20", "\uFA0E", "\uD87E\uDC00"};
        for (String c : ideographs) {
            List<String> words = WordPieceTokenizer.words("ab" + c + "cd");
            assertThat(words).as("U+%X", c.codePointAt(0)).hasSize(3);
            assertThat(words.get(0)).isEqualTo("ab");
            assertThat(words.get(2)).isEqualTo("cd");
        }
        // extension G is newer than BERT's table; a Yi syllable is no ideograph
        assertThat(WordPieceTokenizer.words("ab\uD880\uDC00cd\uA000")).containsExactly("ab\uD880\uDC00cd\uA000");
    }

    private static WordPieceTokenizer fromJson(String json) throws IOException {
        return WordPieceTokenizer.fromTokenizerJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 16);
    }

    @Test
    void theVocabularyIsReadFromTheModelsTokenizerFile() throws IOException {
        WordPieceTokenizer t = fromJson("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"[UNK]\":0,\"[CLS]\":1,\"[SEP]\":2,\"sign\":3,\"##ed\":4}}}");
        assertThat(t.encode("Signed, sir")).containsExactly(1, 3, 4, 0, 0, 2);
    }

    @Test
    void aTokenizerFileOfAnotherKindOrWithoutTheMarkersIsRefusedSayingWhy() {
        assertThatThrownBy(() -> fromJson("{\"model\":{\"type\":\"BPE\",\"vocab\":{}}}"))
                .isInstanceOf(IOException.class).hasMessage("tokenizer.json does not describe a WordPiece model (type 'BPE')");
        assertThatThrownBy(() -> fromJson("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"[CLS]\":1,\"[SEP]\":2}}}"))
                .hasMessage("the vocabulary has no [UNK] token");
    }
}
