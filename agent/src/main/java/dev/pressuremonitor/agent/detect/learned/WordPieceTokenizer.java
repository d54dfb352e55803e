package dev.pressuremonitor.agent.detect.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BERT's uncased WordPiece tokenizer, as the sentence model was trained with: clean and lower-case the text, strip
 * accents, split on white space and punctuation, then cut each word into the longest pieces the vocabulary knows
 * ({@code ##} marks a piece that continues a word). Output is the model's input ids, {@code [CLS] ... [SEP]}.
 */
public final class WordPieceTokenizer {
    private static final int MAX_WORD_CHARS = 100;
    private static final String CONTINUE = "##";
    /** The blocks of BERT's table, exactly; a hash set, as code points outside every block have a null block. */
    private static final Set<Character.UnicodeBlock> CJK = new HashSet<>(List.of(
            Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS, Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A,
            Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_B, Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_C,
            Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_D, Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_E,
            Character.UnicodeBlock.CJK_COMPATIBILITY_IDEOGRAPHS, Character.UnicodeBlock.CJK_COMPATIBILITY_IDEOGRAPHS_SUPPLEMENT));

    private final Map<String, Integer> vocab;
    private final int unknown, start, end, maxTokens;

    WordPieceTokenizer(Map<String, Integer> vocab, int maxTokens) {
        this.vocab = Map.copyOf(vocab);
        this.unknown = id("[UNK]");
        this.start = id("[CLS]");
        this.end = id("[SEP]");
        this.maxTokens = maxTokens;
    }

    /** Reads the vocabulary from a Hugging Face {@code tokenizer.json} of a WordPiece model. */
    public static WordPieceTokenizer fromTokenizerJson(InputStream json, int maxTokens) throws IOException {
        JsonNode model = new ObjectMapper().readTree(json).path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IOException("tokenizer.json does not describe a WordPiece model (type '" + model.path("type").asText() + "')");
        }
        Map<String, Integer> vocab = new HashMap<>();
        model.path("vocab").fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
        return new WordPieceTokenizer(vocab, maxTokens);
    }

    private int id(String token) {
        Integer id = vocab.get(token);
        if (id == null) throw new IllegalArgumentException("the vocabulary has no " + token + " token");
        return id;
    }

    /** Input ids for one text, at most {@code maxTokens} of them including the two markers. */
    public long[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        ids.add(start);
        for (String word : words(text)) {
            if (ids.size() >= maxTokens - 1) break;
            pieces(word, ids);
        }
        while (ids.size() > maxTokens - 1) ids.remove(ids.size() - 1);
        ids.add(end);
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) out[i] = ids.get(i);
        return out;
    }

    /** The words and punctuation marks of a text, cleaned, lower-cased and without accents. */
    static List<String> words(String text) {
        String folded = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || c == 0xFFFD || isControl(c)) continue;
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                flush(word, words);
            } else if (isPunctuation(c) || isCjk(c)) {
                flush(word, words);
                words.add(new String(Character.toChars(c)));
            } else {
                word.appendCodePoint(c);
            }
        }
        flush(word, words);
        return words;
    }

    private void pieces(String word, List<Integer> ids) {
        if (word.length() > MAX_WORD_CHARS) {
            ids.add(unknown);
            return;
        }
        int mark = ids.size();
        int from = 0;
        while (from < word.length()) {
            int to = word.length();
            Integer found = null;
            while (to > from) {
                String piece = from == 0 ? word.substring(from, to) : CONTINUE + word.substring(from, to);
                found = vocab.get(piece);
                if (found != null) break;
                to--;
            }
            if (found == null) {
                while (ids.size() > mark) ids.remove(ids.size() - 1);
                ids.add(unknown);
                return;
            }
            ids.add(found);
            from = to;
        }
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /**
     * What BERT's cleaning drops: control and format characters (a zero-width space, a soft hyphen, a byte order
     * mark), private-use, surrogate and unassigned code points; tab, line feed and carriage return are white space.
     */
    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') return false;
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /** Every ASCII mark that is not a letter or digit (so {@code $ + < = > ^ ` | ~} too), and Unicode's punctuation. */
    private static boolean isPunctuation(int c) {
        // control characters and white space are gone before this: below '~' only printable characters are left
        if (c <= '~') return !Character.isLetterOrDigit(c);
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** BERT's CJK ideographs, written each on its own: the unified ideographs, extensions A to E and compatibility ideographs. */
    private static boolean isCjk(int c) {
        return CJK.contains(Character.UnicodeBlock.of(c));
    }
}
