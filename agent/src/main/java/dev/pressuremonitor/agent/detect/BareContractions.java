package dev.pressuremonitor.agent.detect;

import java.util.List;
import java.util.Set;

/**
 * Stage after the restarts and the passing "you know"s: reads the contractions whose spelling without an apostrophe
 * is also a word of its own ("were", "its", "lets", "ill", "id") as the contraction where the words around them say
 * so. {@link Normalizer} already expands the unambiguous ones ("dont", "youre"); these need their neighbours:
 * <ul>
 * <li>at the start of a clause, or after a word that opens one ("so", "but", "i think", "because"), "lets" is
 * "let us", "its" is "it is", "ill" is "i will" and "id" is "i would" ("so lets", "i think its"; not "it lets",
 * "of its", "been ill", "your id");</li>
 * <li>"were" is "we are" there too, unless a subject follows, which makes it a question in the past ("were you
 * able to", "were the numbers"; but "were the only ones", "were the best" are said of us).</li>
 * </ul>
 * Where the word was meant ("and its price", "so were we"), reading it wrong gives words no rule is written for;
 * the corpus as written, apostrophes and all, scores the same with this stage as without it.
 */
public final class BareContractions {
    /** Words after which a clause, and so a subject, usually begins. */
    private static final Set<String> OPENERS = Set.of("so", "and", "but", "or", "okay", "well", "now", "yeah", "yes",
            "yep", "honestly", "personally", "because", "cause", "if", "since", "then", "right", "look", "listen",
            "frankly", "actually", "also", "plus", "though", "think", "guess", "know", "mean", "say", "hope", "sure",
            "believe", "bet", "promise", "reckon", "figure", "that", "what", "when", "where", "how", "why",
            "alright", "great", "perfect", "good", "fine", "anyway", "oh", "hey", "hi", "hello", "see", "until", "unless");
    /** A subject after "were" makes it the past tense: "were you", "were they", "were the numbers". */
    private static final Set<String> SUBJECTS = Set.of("you", "they", "we", "he", "she", "it", "there", "the", "your",
            "their", "those", "these", "any", "all", "both", "i", "ya", "his", "her", "our", "my", "people", "things");
    /** After "were the", a rank makes it a claim about us: "were the only ones", "were the first", "were the biggest". */
    private static final Set<String> RANKS = Set.of("only", "one", "first", "top", "right", "number", "leading", "market", "go");

    private static final String[] LET_US = {"let", "us"}, IT_IS = {"it", "is"}, I_WILL = {"i", "will"},
            I_WOULD = {"i", "would"}, WE_ARE = {"we", "are"};

    public void read(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String[] as = reading(tokens, i);
            if (as == null) continue;
            Token t = tokens.get(i);
            tokens.set(i, new Token(as[0], t.start(), t.end(), t.word(), t.clause()));
            tokens.add(i + 1, new Token(as[1], t.start(), t.end(), t.word(), t.clause()));
            i++;
        }
    }

    private static String[] reading(List<Token> tokens, int i) {
        String[] as = switch (tokens.get(i).text()) {
            case "lets" -> LET_US;
            case "its" -> IT_IS;
            case "ill" -> I_WILL;
            case "id" -> I_WOULD;
            case "were" -> subjectFollows(tokens, i) ? null : WE_ARE;
            default -> null;
        };
        return as != null && opensClause(tokens, i) ? as : null;
    }

    /** "were you", "were the numbers": a subject after it; but "were the only ones", "were the best" are claims. */
    private static boolean subjectFollows(List<Token> tokens, int i) {
        if (i + 1 >= tokens.size() || !SUBJECTS.contains(tokens.get(i + 1).text())) return false;
        if (!tokens.get(i + 1).text().equals("the") || i + 2 >= tokens.size()) return true;
        String after = tokens.get(i + 2).text();
        return !(RANKS.contains(after) || (after.endsWith("est") && after.length() > 4));
    }

    private static boolean opensClause(List<Token> tokens, int i) {
        if (i == 0) return true;
        Token before = tokens.get(i - 1);
        return before.clause() != tokens.get(i).clause() || OPENERS.contains(before.text());
    }
}
