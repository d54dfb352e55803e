package dev.pressuremonitor.agent.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the rule pack's pattern language into {@link PhrasePattern}s.
 *
 * <pre>
 *   just checking in          a literal token sequence
 *   sign|signed|signing       one token, any of these
 *   really? quick             an optional token
 *   (let me|allow me) tell    a group of alternative sequences; "(...)?" makes it optional
 *   sign * today              a gap of up to 3 tokens;  "*5" allows up to 5 (at most 8)
 * </pre>
 * Patterns are written in normalised form: lower case, contractions expanded ("i am", "do not").
 */
public final class PatternSyntax {
    static final int DEFAULT_GAP = 3;
    static final int MAX_GAP = 8;
    static final int MAX_VARIANTS_PER_PIECE = 512;

    private PatternSyntax() {}

    public static PhrasePattern parse(String source) {
        if (source == null || source.isBlank()) throw new IllegalArgumentException("pattern is empty");
        List<List<List<String>>> pieces = new ArrayList<>();
        List<Integer> gaps = new ArrayList<>();
        List<List<List<String>>> elements = new ArrayList<>(); // current piece: each element = alternatives
        int pendingGap = 0;
        List<String> parts = lex(source);
        for (String part : parts) {
            if (part.startsWith("*")) {
                int gap = part.length() == 1 ? DEFAULT_GAP : parseGap(part, source);
                if (elements.isEmpty()) throw new IllegalArgumentException("pattern '" + source + "' starts with a gap or has two gaps in a row");
                pieces.add(expand(elements, source));
                gaps.add(pendingGap);
                pendingGap = gap;
                elements = new ArrayList<>();
            } else {
                elements.add(alternatives(part, source));
            }
        }
        if (elements.isEmpty()) throw new IllegalArgumentException("pattern '" + source + "' ends with a gap");
        pieces.add(expand(elements, source));
        gaps.add(pendingGap);
        int[] g = gaps.stream().mapToInt(Integer::intValue).toArray();
        return new PhrasePattern(source, pieces, g);
    }

    private static int parseGap(String part, String source) {
        try {
            int n = Integer.parseInt(part.substring(1));
            if (n < 1 || n > MAX_GAP) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pattern '" + source + "': gap '" + part + "' must be '*' or '*N' with N from 1 to " + MAX_GAP);
        }
    }

    /** Splits on spaces outside parentheses. */
    private static List<String> lex(String source) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : source.trim().toCharArray()) {
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (depth < 0) throw new IllegalArgumentException("pattern '" + source + "' has an unmatched ')'");
            if (c == ' ' && depth == 0) {
                if (cur.length() > 0) out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (depth != 0) throw new IllegalArgumentException("pattern '" + source + "' has an unmatched '('");
        if (cur.length() > 0) out.add(cur.toString());
        return out;
    }

    /** One element: "a|b", "a?", "(x y|z)" or "(x y|z)?" as its list of alternative token sequences. */
    private static List<List<String>> alternatives(String part, String source) {
        boolean optional = part.endsWith("?");
        String body = optional ? part.substring(0, part.length() - 1) : part;
        List<List<String>> alts = new ArrayList<>();
        if (body.startsWith("(")) {
            if (!body.endsWith(")")) throw new IllegalArgumentException("pattern '" + source + "': group '" + part + "' must end with ')' or ')?'");
            for (String alt : body.substring(1, body.length() - 1).split("\\|", -1)) {
                List<String> seq = new ArrayList<>();
                for (String tok : alt.trim().split(" +")) {
                    if (!tok.isEmpty()) seq.add(checkToken(tok, source));
                }
                if (seq.isEmpty()) throw new IllegalArgumentException("pattern '" + source + "': empty alternative in '" + part + "' (use '?' for optional)");
                alts.add(seq);
            }
        } else {
            for (String tok : body.split("\\|", -1)) {
                if (tok.isEmpty()) throw new IllegalArgumentException("pattern '" + source + "': empty alternative in '" + part + "'");
                alts.add(List.of(checkToken(tok, source)));
            }
        }
        if (optional) alts.add(List.of());
        return alts;
    }

    private static String checkToken(String tok, String source) {
        String clean = Normalizer.clean(tok);
        if (!clean.equals(tok)) {
            throw new IllegalArgumentException("pattern '" + source + "': token '" + tok + "' is not normalised (write '" + clean + "': lower case, no punctuation)");
        }
        return tok;
    }

    private static List<List<String>> expand(List<List<List<String>>> elements, String source) {
        List<List<String>> acc = new ArrayList<>();
        acc.add(List.of());
        for (List<List<String>> alts : elements) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : acc) {
                for (List<String> alt : alts) {
                    List<String> seq = new ArrayList<>(prefix);
                    seq.addAll(alt);
                    next.add(seq);
                }
            }
            if (next.size() > MAX_VARIANTS_PER_PIECE) {
                throw new IllegalArgumentException("pattern '" + source + "' expands to more than " + MAX_VARIANTS_PER_PIECE + " variants: split it into several patterns");
            }
            acc = next;
        }
        for (List<String> v : acc) {
            if (v.isEmpty()) throw new IllegalArgumentException("pattern '" + source + "': a part between gaps can match nothing (every word in it is optional)");
        }
        return acc;
    }
}
