package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Word;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First stage: turns recognised words into comparable tokens. Lower-cases, keeps letters, digits and inner
 * apostrophes, and expands contractions so that a rule written "i am" also hears "i'm". Punctuation does not
 * become text: where it ends a clause, {@link ClauseSegmenter} has already put that in the token's clause.
 */
public final class Normalizer {
    private static final Map<String, String[]> CONTRACTIONS = Map.ofEntries(
            e("i'm", "i am"), e("i've", "i have"), e("i'll", "i will"), e("i'd", "i would"),
            e("you're", "you are"), e("you've", "you have"), e("you'll", "you will"), e("you'd", "you would"),
            e("we're", "we are"), e("we've", "we have"), e("we'll", "we will"), e("we'd", "we would"),
            e("they're", "they are"), e("they've", "they have"), e("they'll", "they will"), e("they'd", "they would"),
            e("it's", "it is"), e("that's", "that is"), e("there's", "there is"), e("here's", "here is"),
            e("what's", "what is"), e("who's", "who is"), e("how's", "how is"), e("where's", "where is"),
            e("he's", "he is"), e("she's", "she is"), e("let's", "let us"), e("it'll", "it will"),
            e("that'll", "that will"), e("there'll", "there will"),
            e("don't", "do not"), e("doesn't", "does not"), e("didn't", "did not"), e("can't", "can not"),
            e("cannot", "can not"), e("won't", "will not"), e("wouldn't", "would not"), e("shouldn't", "should not"),
            e("couldn't", "could not"), e("isn't", "is not"), e("aren't", "are not"), e("wasn't", "was not"),
            e("weren't", "were not"), e("haven't", "have not"), e("hasn't", "has not"), e("hadn't", "had not"),
            e("ain't", "is not"), e("gonna", "going to"), e("wanna", "want to"), e("gotta", "got to"),
            e("y'all", "you all"), e("'em", "them"), e("ok", "okay"));
    /**
     * Contractions typed or transcribed without their apostrophe ("dont", "youre", "im"), as many transcripts and quick
     * notes have them, to the contraction they stand for. Only spellings that are no other English word: "were",
     * "well", "its", "lets", "ill", "id", "wed" and "em" stay as they are.
     */
    private static final Map<String, String> BARE = bare(Set.of("we're", "we'll", "it's", "let's", "i'll", "i'd", "we'd", "'em"));

    private static Map<String, String> bare(Set<String> ambiguous) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String c : CONTRACTIONS.keySet()) {
            if (c.indexOf('\'') >= 0 && !ambiguous.contains(c)) m.put(c.replace("'", ""), c);
        }
        return Map.copyOf(m);
    }

    /** What each contraction expands to, written with its apostrophe or without it: one look-up per word. */
    private static final Map<String, String[]> EXPANSIONS = expansions();

    private static Map<String, String[]> expansions() {
        Map<String, String[]> m = new java.util.HashMap<>(CONTRACTIONS);
        BARE.forEach((bare, written) -> m.put(bare, CONTRACTIONS.get(written)));
        return Map.copyOf(m);
    }

    /** The contraction a word written without its apostrophe stands for (lower case), or null. */
    static String contraction(String bare) {
        return BARE.get(bare);
    }

    private static Map.Entry<String, String[]> e(String from, String to) {
        return Map.entry(from, to.split(" "));
    }

    /** Appends the tokens of {@code word} (index {@code index} in its segment) to {@code out}. */
    public void normalize(Word word, int index, List<Token> out) {
        normalize(word, index, 0, out);
    }

    /** As {@link #normalize(Word, int, List)}, for a word said in clause {@code clause} of its segment. */
    public void normalize(Word word, int index, int clause, List<Token> out) {
        String t = clean(word.text());
        if (t.isEmpty()) return;
        // the one contraction that starts with its apostrophe, which cleaning strips ("call 'em" is "call them")
        if (t.equals("em") && (word.text().startsWith("'") || word.text().startsWith("\u2019"))) t = "'em";
        String[] expanded = EXPANSIONS.get(t);
        if (expanded != null) {
            for (String part : expanded) out.add(new Token(part, word.start(), word.end(), index, clause));
            return;
        }
        if (t.endsWith("'s") && t.length() > 2) {
            // possessive or "is" after a noun: either way the noun carries the meaning for matching
            t = t.substring(0, t.length() - 2);
        }
        out.add(new Token(t, word.start(), word.end(), index, clause));
    }

    /** Lower-cases and strips everything but letters, digits and apostrophes between letters. */
    static String clean(String raw) {
        StringBuilder sb = null;
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (plain && sb == null) continue;
            if (sb == null) {
                sb = new StringBuilder(n);
                sb.append(raw, 0, i);
            }
            if (plain) {
                sb.append(c);
            } else if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            } else if ((c == '\'' || c == '\u2019') && i > 0 && i < n - 1
                    && Character.isLetter(raw.charAt(i - 1)) && Character.isLetter(raw.charAt(i + 1))) {
                sb.append('\'');
            }
        }
        return sb == null ? raw : sb.toString();
    }
}
