package dev.pressuremonitor.agent.detect;

import java.util.List;
import java.util.Set;

/**
 * Stage after the fillers, before the restarts: "you know" and "i mean" said in passing, as spoken English strews
 * them ("it's you know the best option", "i mean you need to decide"), and "like" right after a form of "be"
 * ("we're like the only ones", "it's like a scam"), are dropped so the rules hear the phrase around them. Kept
 * where they are words of the sentence: after "do", "did", "so", "let", "if", "what" and the like ("did you know",
 * "just so you know", "let you know", "what i mean"), and before what is known or meant ("you know what", "you know
 * him", "i mean it", "i mean that").
 */
public final class DiscourseMarkers {
    private static final Set<String> KNOW_AFTER = Set.of("do", "did", "does", "would", "will", "could", "should",
            "might", "can", "if", "what", "how", "as", "not", "let", "to", "so", "want", "need", "and", "who",
            "now", "already", "probably", "even", "never", "all");
    private static final Set<String> KNOWN = Set.of("what", "how", "why", "who", "when", "where", "whether", "if",
            "that", "about", "anyone", "anybody", "someone", "somebody", "any", "me", "him", "her", "them", "us",
            "it", "this", "more", "better", "exactly", "best", "each", "everything", "all");
    private static final Set<String> MEAN_AFTER = Set.of("what", "do", "did", "if", "that", "not", "you", "see",
            "really", "truly", "only", "just", "so", "as");
    private static final Set<String> MEANT = Set.of("it", "that", "this", "what", "to", "by", "when", "business",
            "no", "every", "each", "literally", "exactly");

    /** Forms of "be" after which "like" is said in passing ("we're like the only ones", "it's like a scam"). */
    private static final Set<String> BE = Set.of("is", "are", "was", "were", "am", "be", "been");

    public void drop(List<Token> tokens) {
        if (tokens.size() <= 2) return;
        for (int i = 0; i + 1 < tokens.size(); ) {
            if (passing(tokens, i)) {
                tokens.subList(i, i + 2).clear();
            } else if (likeAfterBe(tokens, i)) {
                tokens.remove(i);
            } else {
                i++;
            }
        }
    }

    /** "like" between a form of "be" and more words of its clause: "it is like the best", not "what is it like". */
    private static boolean likeAfterBe(List<Token> tokens, int i) {
        if (i == 0 || !tokens.get(i).text().equals("like")) return false;
        int clause = tokens.get(i).clause();
        return BE.contains(tokens.get(i - 1).text()) && tokens.get(i - 1).clause() == clause && tokens.get(i + 1).clause() == clause;
    }

    private static boolean passing(List<Token> tokens, int i) {
        String first = tokens.get(i).text(), second = tokens.get(i + 1).text();
        boolean know = first.equals("you") && second.equals("know");
        boolean mean = first.equals("i") && second.equals("mean");
        if (!know && !mean) return false;
        int clause = tokens.get(i).clause();
        String before = i > 0 && tokens.get(i - 1).clause() == clause ? tokens.get(i - 1).text() : null;
        String after = i + 2 < tokens.size() && tokens.get(i + 2).clause() == clause ? tokens.get(i + 2).text() : null;
        // at the end of a clause it is a question or a tag ("you know?"), and nothing follows for a rule to hear
        if (after == null) return false;
        if (know) return (before == null || !KNOW_AFTER.contains(before)) && !KNOWN.contains(after);
        return (before == null || !MEAN_AFTER.contains(before)) && !MEANT.contains(after);
    }
}
