package dev.pressuremonitor.agent.detect;

import java.util.List;
import java.util.Set;

/**
 * Counts the rep's questions in a settled utterance. Speech-to-text gives no question marks, so a clause (split
 * at pauses) that opens with a question word or an auxiliary followed by "you"/"we"/"it" counts; open questions
 * invite the prospect to talk, closed ones take a yes or a no.
 */
public final class QuestionCounter {
    /** A pause this long starts a new clause. */
    static final double CLAUSE_PAUSE = 0.45;

    private static final Set<String> LEAD_INS = Set.of("so", "and", "okay", "well", "right", "now", "but", "alright", "then", "also", "just");
    private static final Set<String> OPEN_WORDS = Set.of("what", "how", "why", "where", "who", "which", "when");
    private static final List<List<String>> OPEN_PHRASES = List.of(
            List.of("tell", "me"), List.of("walk", "me"), List.of("talk", "me"), List.of("help", "me", "understand"),
            List.of("describe"), List.of("explain"), List.of("can", "you", "tell"), List.of("could", "you", "tell"),
            List.of("can", "you", "walk"), List.of("could", "you", "walk"), List.of("would", "you", "tell"));
    private static final Set<String> AUXILIARIES = Set.of("do", "does", "did", "are", "is", "was", "were", "can", "could",
            "would", "will", "have", "has", "should", "shall", "may", "might");
    private static final Set<String> SUBJECTS = Set.of("you", "we", "it", "that", "this", "there", "they", "i", "your", "he", "she", "anyone", "anything");

    public record Count(int open, int closed) {}

    public Count count(List<Token> tokens) {
        int open = 0, closed = 0;
        int clauseStart = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean boundary = i == tokens.size() || (i > 0 && tokens.get(i).start() - tokens.get(i - 1).end() >= CLAUSE_PAUSE);
            if (!boundary) continue;
            if (i > clauseStart) {
                int kind = classify(tokens, clauseStart, i);
                if (kind == 1) open++;
                if (kind == 2) closed++;
                // people run questions on without pausing ("that makes sense how many clinics are there"):
                // a question word followed by an auxiliary starts another open question mid-clause
                int opener = clauseStart;
                while (opener < i && LEAD_INS.contains(tokens.get(opener).text())) opener++;
                for (int k = opener + 1; k < i - 1; k++) {
                    if (OPEN_WORDS.contains(tokens.get(k).text()) && STRONG_NEXT.contains(tokens.get(k + 1).text())
                            && !SUBORDINATORS.contains(tokens.get(k - 1).text())) open++;
                }
            }
            clauseStart = i;
        }
        return new Count(open, closed);
    }

    /** After a question word, these make a question even mid-clause ("how many", "what does"). */
    private static final Set<String> STRONG_NEXT = Set.of("do", "does", "did", "would", "will", "could", "can", "should",
            "many", "much", "else", "happens", "long", "often");
    /** "i know what would help" is a statement: a question word right after these is not a question. */
    private static final Set<String> SUBORDINATORS = Set.of("know", "see", "understand", "wonder", "exactly", "is", "that", "tell", "show", "about", "on");

    /** 0 not a question, 1 open, 2 closed. */
    static int classify(List<Token> tokens, int from, int to) {
        int i = from;
        while (i < to && LEAD_INS.contains(tokens.get(i).text())) i++;
        if (i >= to) return 0;
        for (List<String> phrase : OPEN_PHRASES) {
            if (startsWith(tokens, i, to, phrase)) return 1;
        }
        String first = tokens.get(i).text();
        if (OPEN_WORDS.contains(first)) {
            // "what we do is..." is a statement; a question word followed by an auxiliary or "if" asks
            if (i + 1 < to) {
                String next = tokens.get(i + 1).text();
                if (AUXILIARIES.contains(next) || next.equals("if") || next.equals("about") || next.equals("made")
                        || next.equals("happens") || next.equals("else") || next.equals("kind") || next.equals("much")
                        || next.equals("many") || next.equals("long") || next.equals("often") || next.equals("matters")
                        || next.equals("prompted") || next.equals("led") || next.equals("brought")) return 1;
            }
            return 0;
        }
        if (AUXILIARIES.contains(first) && i + 1 < to) {
            String next = tokens.get(i + 1).text();
            if (SUBJECTS.contains(next) || (next.equals("not") && i + 2 < to && SUBJECTS.contains(tokens.get(i + 2).text()))) return 2;
        }
        return 0;
    }

    private static boolean startsWith(List<Token> tokens, int i, int to, List<String> phrase) {
        if (i + phrase.size() > to) return false;
        for (int k = 0; k < phrase.size(); k++) {
            if (!tokens.get(i + k).text().equals(phrase.get(k))) return false;
        }
        return true;
    }
}
