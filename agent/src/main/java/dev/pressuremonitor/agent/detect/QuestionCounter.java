package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the rep's questions in a settled utterance, on both surfaces it meets: written text, whose sentences end
 * in "." "?" "!" and whose questions say so, and speech-to-text, which has no punctuation at all. A turn is cut
 * into sentences at punctuation and at pauses; a sentence ending in "?" is a question. Where punctuation does
 * not say, the words do: a sentence that opens (after "so", "okay"...) with a question word and a verb, an
 * auxiliary and its subject, or "tell me"/"walk me through"; and, inside a sentence, a question that follows a
 * greeting or preamble ("great to meet you what made you...", "let me ask you this what is...") or runs on
 * after a statement ("that makes sense how many clinics..."). Open questions invite the prospect to talk;
 * closed ones take a yes or a no. Measured on {@code seeds/questions/turns.jsonl} (see the README).
 */
public final class QuestionCounter {
    /** A pause this long ends a sentence. */
    static final double CLAUSE_PAUSE = 0.45;

    private static final Set<String> LEAD_INS = Set.of("so", "and", "okay", "well", "right", "now", "but", "alright", "then", "also",
            "just", "anyway", "yeah", "yes", "cool", "great", "perfect", "nice", "sure", "sorry", "oh", "hey", "hi", "hello", "interesting",
            "actually", "honestly", "quick", "question");
    private static final Set<String> OPEN_WORDS = Set.of("what", "how", "why", "where", "who", "which", "when", "whose");
    private static final List<List<String>> OPEN_PHRASES = List.of(
            List.of("tell", "me"), List.of("walk", "me"), List.of("talk", "me"), List.of("help", "me", "understand"),
            List.of("describe"), List.of("explain"), List.of("can", "you", "tell"), List.of("could", "you", "tell"),
            List.of("can", "you", "walk"), List.of("could", "you", "walk"), List.of("would", "you", "tell"),
            List.of("can", "i", "ask", "what"), List.of("can", "i", "ask", "how"), List.of("can", "i", "ask", "why"));
    /** Mid-sentence, a request to talk starts a question of its own ("interesting tell me about the team"). */
    private static final List<List<String>> OPEN_REQUESTS = List.of(List.of("tell", "me", "about"), List.of("tell", "me", "more"),
            List.of("walk", "me", "through"), List.of("help", "me", "understand"));
    private static final Set<String> AUXILIARIES = Set.of("do", "does", "did", "are", "is", "was", "were", "can", "could",
            "would", "will", "have", "has", "should", "shall", "may", "might");
    /** Auxiliaries that ask whatever follows them at a sentence's start ("would friday work", "is now a bad time"). */
    private static final Set<String> ASKING_AUXILIARIES = Set.of("is", "are", "was", "were", "would", "could", "can", "will", "should",
            "does", "did");
    private static final Set<String> SUBJECTS = Set.of("you", "we", "it", "that", "this", "there", "they", "i", "your", "he", "she",
            "anyone", "anything", "anybody", "someone", "something", "everyone", "the", "a", "an", "our", "my", "these", "those", "any",
            "now", "next", "everything");
    /** After a question word, these make a question (at a sentence's start). */
    private static final Set<String> OPEN_NEXT = Set.of("if", "about", "made", "happens", "happened", "else", "kind", "much", "many",
            "long", "often", "matters", "prompted", "led", "brought", "not", "part", "day", "time", "one", "ones", "sort", "type");
    /** After a question word, these make a question even inside a sentence ("how many", "what does", "what made"). */
    private static final Set<String> STRONG_NEXT = Set.of("do", "does", "did", "would", "will", "could", "can", "should",
            "many", "much", "else", "happens", "long", "often", "is", "are", "was", "were", "made", "prompted", "led", "brought",
            "has", "have", "kind");
    /** "i know what would help" is a statement: a question word right after these is not a question. */
    private static final Set<String> SUBORDINATORS = Set.of("know", "see", "understand", "wonder", "exactly", "is", "that", "tell",
            "show", "about", "on", "what", "how", "was", "are", "sure", "matter", "no", "of", "for", "in", "from", "to", "by", "at",
            "with", "ask", "asking", "asked", "be", "decide", "figure", "out", "idea", "remember", "explain", "through", "because");
    /** "who" and "which" inside a sentence are relative ("the person who has..."): a question only after these. */
    private static final Set<String> COORDINATORS = Set.of("and", "so", "but", "then", "okay", "also");
    /** Inside a sentence, an auxiliary and one of these ask ("...the end of the month would you be ready"). */
    private static final Set<String> ASKED = Set.of("you", "i", "we", "your");
    /** ...unless the auxiliary continues what came before it ("what would you", "if we could you know"). */
    private static final Set<String> CONTINUING = Set.of("what", "how", "why", "where", "who", "which", "when", "whose", "that", "if",
            "whether", "than", "as", "because", "not", "i", "we", "you", "they", "it", "he", "she", "there", "and", "or", "so", "to",
            "whatever", "also", "just", "really", "never", "can", "could", "would", "will", "do", "did", "does", "is", "are");
    /** Greetings and acknowledgements that end a thought: a question may start right after them. */
    private static final List<List<String>> PREAMBLES = List.of(
            List.of("meet", "you"), List.of("see", "you"), List.of("see", "you", "again"), List.of("meet", "you", "too"),
            List.of("meeting", "you"), List.of("the", "time"), List.of("time", "today"), List.of("makes", "sense"),
            List.of("sounds", "good"), List.of("got", "it"), List.of("fair", "enough"), List.of("is", "fair"), List.of("i", "see"),
            List.of("hear", "you"), List.of("get", "it"), List.of("ask", "you", "this"), List.of("ask", "you"), List.of("quick", "question"),
            List.of("one", "more", "thing"), List.of("before", "i", "forget"), List.of("welcome", "back"), List.of("jumping", "on"),
            List.of("good", "morning"), List.of("good", "afternoon"), List.of("good", "stuff"), List.of("thanks"), List.of("thank", "you"),
            List.of("interesting"), List.of("perfect"), List.of("great"), List.of("cool"), List.of("nice"), List.of("okay"),
            List.of("right"), List.of("anyway"), List.of("sharing", "that"), List.of("back", "to", "me"), List.of("go", "ahead"),
            List.of("i", "am", "curious"), List.of("curious"), List.of("understand"));
    /** The preambles by their last word, and the open phrases and requests by their first: each token checks only its own. */
    private static final Map<String, List<List<String>>> PREAMBLES_BY_LAST = byWord(PREAMBLES, true);
    private static final Map<String, List<List<String>>> OPEN_PHRASES_BY_FIRST = byWord(OPEN_PHRASES, false);
    private static final Map<String, List<List<String>>> OPEN_REQUESTS_BY_FIRST = byWord(OPEN_REQUESTS, false);
    /** Words before "tell me about" that make it no question ("to tell me about", "can you tell me about"). */
    private static final Set<String> NOT_BEFORE_REQUEST = Set.of("to", "not", "you", "can", "could", "would", "will");
    /** "who knows", "what this means": a question word and an "-s" word that do not ask. */
    private static final Set<String> NOT_A_VERB = Set.of("knows", "this", "its", "his", "us", "as", "yours", "ours", "theirs", "always",
            "perhaps", "sometimes", "thus", "plus", "was", "is", "has", "does");

    public record Count(int open, int closed) {}

    /** Counts questions in tokens whose words are not at hand (no punctuation to go by). */
    public Count count(List<Token> tokens) {
        return count(tokens, null);
    }

    /** Counts questions in tokens, reading the punctuation of {@code words} (the words the tokens index). */
    public Count count(List<Token> tokens, List<Word> words) {
        int open = 0, closed = 0;
        int from = 0;
        for (int i = 1; i <= tokens.size(); i++) {
            if (i < tokens.size() && !sentenceBreak(tokens, words, i)) continue;
            int[] c = sentence(tokens, from, i, ending(tokens, words, i - 1));
            open += c[0];
            closed += c[1];
            from = i;
        }
        return new Count(open, closed);
    }

    /** Whether a new sentence starts at token {@code i}. */
    private static boolean sentenceBreak(List<Token> tokens, List<Word> words, int i) {
        if (tokens.get(i).start() - tokens.get(i - 1).end() >= CLAUSE_PAUSE) return true;
        return tokens.get(i).word() != tokens.get(i - 1).word() && ending(tokens, words, i - 1) != 0;
    }

    /** The sentence-ending mark after token {@code i} ('?', '.', or 0 for none), read from its word as written. */
    private static char ending(List<Token> tokens, List<Word> words, int i) {
        if (words == null) return 0;
        int w = tokens.get(i).word();
        if (w < 0 || w >= words.size()) return 0;
        if (i + 1 < tokens.size() && tokens.get(i + 1).word() == w) return 0; // "you're" gives two tokens: the mark is after both
        String text = words.get(w).text();
        int end = text.length();
        while (end > 0 && "\"')]\u201d\u2019".indexOf(text.charAt(end - 1)) >= 0) end--;
        if (end == 0) return 0;
        char last = text.charAt(end - 1);
        if (last == '?') return '?';
        if (last == '.' || last == '!' || last == ';' || last == ':' || last == '\u2014' || last == '\u2013' || last == '\u2026') return '.';
        return 0;
    }

    /** {open, closed} for tokens {@code from..to} of one sentence ending in {@code mark}. */
    private static int[] sentence(List<Token> tokens, int from, int to, char mark) {
        int[] count = new int[2];
        int first = classify(tokens, from, to);
        if (first == 1) count[0]++;
        if (first == 2) count[1]++;
        if (mark == '.') {
            // written and not asked: only a request to talk counts ("Tell me about the team.")
            return first == 1 && opensWithRequest(tokens, from, to) ? count : new int[2];
        }
        int opener = from;
        while (opener < to && LEAD_INS.contains(tokens.get(opener).text())) opener++;
        int lastStart = first != 0 ? opener : -1;
        for (int k = opener + 1; k < to; k++) {
            if (k <= lastStart + 1) continue;
            int kind = questionInside(tokens, k, to, lastStart >= 0);
            if (kind == 0) continue;
            count[kind - 1]++;
            lastStart = k;
        }
        if (count[0] + count[1] == 0 && endsWithTag(tokens, from, to)) count[1] = 1; // "it is a big team is not it"
        if (mark == '?' && count[0] + count[1] == 0) count[1] = 1; // "You're using spreadsheets today?"
        return count;
    }

    /** Whether a question starts at token {@code k} inside a sentence: 0 no, 1 open, 2 closed. */
    private static int questionInside(List<Token> tokens, int k, int to, boolean asking) {
        String word = tokens.get(k).text(), prev = tokens.get(k - 1).text();
        String next = k + 1 < to ? tokens.get(k + 1).text() : "";
        if (afterPreamble(tokens, k)) {
            int kind = classify(tokens, k, to);
            if (kind != 0) return kind;
        }
        for (List<String> request : OPEN_REQUESTS_BY_FIRST.getOrDefault(word, List.of())) {
            if (startsWith(tokens, k, to, request) && !NOT_BEFORE_REQUEST.contains(prev)) return 1;
        }
        if (OPEN_WORDS.contains(word) && !SUBORDINATORS.contains(prev)) {
            if (word.equals("who") || word.equals("which") || word.equals("whose")) {
                return COORDINATORS.contains(prev) ? classify(tokens, k, to) : 0;
            }
            if (STRONG_NEXT.contains(next)) return 1;
            if (COORDINATORS.contains(prev)) return classify(tokens, k, to);
            return 0;
        }
        // "how much time does your team spend": inside a question, an auxiliary carries it on
        if (!asking && AUXILIARIES.contains(word) && ASKED.contains(next) && !CONTINUING.contains(prev) && !OPEN_WORDS.contains(prev)) return 2;
        return 0;
    }

    /** A tag question at the end: an auxiliary, "not" and a pronoun ("...is not it", "...do not you"). */
    private static boolean endsWithTag(List<Token> tokens, int from, int to) {
        if (to - from < 4) return false;
        return AUXILIARIES.contains(tokens.get(to - 3).text()) && tokens.get(to - 2).text().equals("not")
                && Set.of("it", "you", "they", "we", "he", "she", "there", "that").contains(tokens.get(to - 1).text());
    }

    /** Whether the tokens just before {@code k} end a greeting or an acknowledgement. */
    private static boolean afterPreamble(List<Token> tokens, int k) {
        if (k == 0) return false;
        for (List<String> p : PREAMBLES_BY_LAST.getOrDefault(tokens.get(k - 1).text(), List.of())) {
            int s = k - p.size();
            if (s >= 0 && startsWith(tokens, s, k, p)) return true;
        }
        return false;
    }

    private static boolean opensWithRequest(List<Token> tokens, int from, int to) {
        int i = from;
        while (i < to && LEAD_INS.contains(tokens.get(i).text())) i++;
        if (i >= to) return false;
        for (List<String> phrase : OPEN_PHRASES_BY_FIRST.getOrDefault(tokens.get(i).text(), List.of())) if (startsWith(tokens, i, to, phrase)) return true;
        return false;
    }

    /** How tokens {@code from..to} open: 0 not a question, 1 open, 2 closed. */
    static int classify(List<Token> tokens, int from, int to) {
        int i = from;
        while (i < to && LEAD_INS.contains(tokens.get(i).text())) i++;
        if (i >= to) return 0;
        for (List<String> phrase : OPEN_PHRASES_BY_FIRST.getOrDefault(tokens.get(i).text(), List.of())) {
            if (startsWith(tokens, i, to, phrase)) return 1;
        }
        String first = tokens.get(i).text();
        String next = i + 1 < to ? tokens.get(i + 1).text() : "";
        if (OPEN_WORDS.contains(first)) {
            // "what we do is..." is a statement; a question word followed by an auxiliary or "if" asks
            if (first.equals("whose") && !next.isEmpty()) return 1;
            if (AUXILIARIES.contains(next) || OPEN_NEXT.contains(next)) return 1;
            // "which means...", "which we use" carry a statement on; "which is better" asked above
            if (first.equals("which") && !next.isEmpty()) return Set.of("means", "we", "i", "you", "they").contains(next) ? 0 : 1;
            if (next.length() > 3 && next.endsWith("s") && !NOT_A_VERB.contains(next)) return 1; // "what works", "who owns"
            return 0;
        }
        if (first.equals("anything") && next.equals("else")) return 2;
        if (AUXILIARIES.contains(first) && i + 1 < to) {
            if (SUBJECTS.contains(next) || (next.equals("not") && i + 2 < to && SUBJECTS.contains(tokens.get(i + 2).text()))) return 2;
            if (ASKING_AUXILIARIES.contains(first) && !next.equals("do") && !next.equals("be")) return 2;
        }
        return 0;
    }

    private static Map<String, List<List<String>>> byWord(List<List<String>> phrases, boolean last) {
        Map<String, List<List<String>>> out = new HashMap<>();
        for (List<String> p : phrases) out.computeIfAbsent(last ? p.get(p.size() - 1) : p.get(0), w -> new ArrayList<>()).add(p);
        return out;
    }

    private static boolean startsWith(List<Token> tokens, int i, int to, List<String> phrase) {
        if (i < 0 || i + phrase.size() > to) return false;
        for (int k = 0; k < phrase.size(); k++) {
            if (!tokens.get(i + k).text().equals(phrase.get(k))) return false;
        }
        return true;
    }
}
