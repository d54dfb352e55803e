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
 *   @deadline                 any entry of the lexicon "deadline" (see {@link Lexicons})
 *   #                         any number in digits ("48", "$1,200", "31st"); a number written in a pattern means the same
 * </pre>
 * Patterns are written in normalised form: lower case, contractions expanded ("i am", "do not").
 */
public final class PatternSyntax {
    static final int DEFAULT_GAP = 3;
    static final int MAX_GAP = 8;
    static final int MAX_VARIANTS_PER_PIECE = 16384;
    /**
     * A run of words whose alternatives multiply past this (lexicons make that easy) is compiled as several
     * pieces that must touch, so that "(talk|speak) to (my|our)? @decision_maker" adds the lexicon's entries
     * to the automaton once instead of once per combination of the words before it.
     */
    static final int SPLIT_VARIANTS_AT = 256;
    /** The token every number written in digits matches ("48", "1,200", "31st", "5pm"); patterns write it "#". */
    public static final String NUMBER = "#";
    /** maxGaps value of a piece that must follow the previous one directly (a long run split up). */
    static final int ADJACENT = -1;

    /** Looks up a lexicon by name; null when there is none. */
    @FunctionalInterface
    interface LexiconLookup {
        List<List<String>> get(String name);
    }

    private PatternSyntax() {}

    public static PhrasePattern parse(String source) {
        return parse(source, Lexicons.NONE);
    }

    public static PhrasePattern parse(String source, Lexicons lexicons) {
        if (source == null || source.isBlank()) throw new IllegalArgumentException("pattern is empty");
        return new Parser(source, lexicons::get, lexicons.names().toString(), true).pattern();
    }

    /** A phrase without gaps (a lexicon entry): every token sequence it accepts. */
    static List<List<String>> phrase(String source, LexiconLookup lexicons) {
        PhrasePattern p = new Parser(source, lexicons, null, false).pattern();
        if (p.pieces().size() > 1) throw new IllegalArgumentException("has a gap ('*'): lexicon entries are phrases without gaps");
        return p.pieces().get(0);
    }

    /** Recursive descent over the pattern text; groups may nest. */
    private static final class Parser {
        private final String src;
        private final LexiconLookup lexicons;
        private final String known;
        private final boolean splitLongRuns;
        private int pos;

        Parser(String src, LexiconLookup lexicons, String known, boolean splitLongRuns) {
            this.src = src.trim();
            this.lexicons = lexicons;
            this.known = known;
            this.splitLongRuns = splitLongRuns;
        }

        PhrasePattern pattern() {
            List<List<List<String>>> pieces = new ArrayList<>();
            List<Integer> gaps = new ArrayList<>();
            int pendingGap = 0;
            List<List<List<String>>> elements = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (pos >= src.length()) break;
                if (src.charAt(pos) == '*') {
                    int gap = gap();
                    if (elements.isEmpty()) throw error("starts with a gap or has two gaps in a row");
                    addPiece(pieces, gaps, elements, pendingGap);
                    pendingGap = gap;
                    elements = new ArrayList<>();
                } else {
                    elements.add(element(false));
                }
            }
            if (elements.isEmpty()) throw error("ends with a gap");
            addPiece(pieces, gaps, elements, pendingGap);
            return new PhrasePattern(src, pieces, gaps.stream().mapToInt(Integer::intValue).toArray());
        }

        /** Adds the run of elements between two gaps, split into touching pieces where its variants multiply. */
        private void addPiece(List<List<List<String>>> pieces, List<Integer> gaps, List<List<List<String>>> elements, int gapBefore) {
            List<List<List<String>>> current = new ArrayList<>();
            long count = 1;
            int gap = gapBefore;
            for (int i = 0; i < elements.size(); i++) {
                List<List<String>> e = elements.get(i);
                if (splitLongRuns && !current.isEmpty() && count * e.size() > SPLIT_VARIANTS_AT
                        && matchesSomething(current, 0) && matchesSomething(elements, i)) {
                    pieces.add(expand(current, src));
                    gaps.add(gap);
                    gap = ADJACENT;
                    current = new ArrayList<>();
                    count = 1;
                }
                current.add(e);
                count *= e.size();
            }
            pieces.add(expand(current, src));
            gaps.add(gap);
        }

        /** Whether elements from {@code from} on always match at least one word (one of them is not optional). */
        private static boolean matchesSomething(List<List<List<String>>> elements, int from) {
            for (int i = from; i < elements.size(); i++) {
                if (elements.get(i).stream().noneMatch(List::isEmpty)) return true;
            }
            return false;
        }

        private int gap() {
            pos++; // '*'
            int from = pos;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
            if (from == pos) return DEFAULT_GAP;
            int n = Integer.parseInt(src.substring(from, Math.min(pos, from + 3)));
            if (n < 1 || n > MAX_GAP) throw error("gap '*" + n + "' must be '*' or '*N' with N from 1 to " + MAX_GAP);
            return n;
        }

        /** One element with its alternatives: "a|b", "a?", "(x y|z)", "(x y|z)?". */
        private List<List<String>> element(boolean inGroup) {
            List<List<String>> alts = new ArrayList<>();
            if (src.charAt(pos) == '(') {
                pos++;
                while (true) {
                    alts.addAll(sequence());
                    if (pos >= src.length()) throw error("has an unmatched '('");
                    char c = src.charAt(pos++);
                    if (c == ')') break;
                    if (c != '|') throw error("expected '|' or ')' at position " + pos);
                }
            } else {
                while (true) {
                    alts.addAll(term());
                    // inside a group '|' separates whole sequences, so it belongs to the group
                    if (!inGroup && pos < src.length() && src.charAt(pos) == '|') {
                        pos++;
                        continue;
                    }
                    break;
                }
            }
            if (pos < src.length() && src.charAt(pos) == '?') {
                pos++;
                alts.add(List.of());
            }
            if (pos < src.length() && " )|".indexOf(src.charAt(pos)) < 0) throw error("unexpected '" + src.charAt(pos) + "' at position " + (pos + 1));
            return alts;
        }

        /** A sequence inside a group, up to the next '|' or ')' at this depth; returns its expansions. */
        private List<List<String>> sequence() {
            List<List<List<String>>> elements = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (pos >= src.length()) throw error("has an unmatched '('");
                char c = src.charAt(pos);
                if (c == '|' || c == ')') break;
                if (c == '*') throw error("gaps ('*') are only allowed outside groups");
                elements.add(element(true));
            }
            if (elements.isEmpty()) throw error("has an empty alternative in a group (use '?' for optional)");
            List<List<String>> out = new ArrayList<>();
            out.add(List.of());
            for (List<List<String>> alts : elements) out = product(out, alts, src);
            return out;
        }

        /** A word, or "@name": every entry of that lexicon. */
        private List<List<String>> term() {
            int from = pos;
            while (pos < src.length() && " ()|?*".indexOf(src.charAt(pos)) < 0) pos++;
            if (from == pos) {
                if (pos < src.length() && src.charAt(pos) == ')') throw error("has an unmatched ')'");
                throw error("has an empty alternative");
            }
            String w = src.substring(from, pos);
            if (!w.startsWith("@")) return List.of(List.of(checkToken(w, src)));
            String name = w.substring(1);
            if (!name.matches(Lexicons.NAME)) throw error("has '" + w + "', which is not a lexicon name (lower case letters, digits, '_')");
            List<List<String>> entries = lexicons.get(name);
            if (entries == null) {
                throw error("uses unknown lexicon '" + w + "'" + (known == null ? "" : " (known: " + known + "; define it in seeds/rules/lexicons.json or the pack's \"lexicons\")"));
            }
            return entries;
        }

        private void skipSpaces() {
            while (pos < src.length() && src.charAt(pos) == ' ') pos++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("pattern '" + src + "' " + what);
        }
    }

    private static List<List<String>> product(List<List<String>> acc, List<List<String>> alts, String source) {
        List<List<String>> next = new ArrayList<>(acc.size() * alts.size());
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
        return next;
    }

    private static String checkToken(String tok, String source) {
        if (tok.equals(NUMBER) || Character.isDigit(tok.charAt(0))) return NUMBER; // any number heard in digits
        String clean = Normalizer.clean(tok);
        if (!clean.equals(tok)) {
            throw new IllegalArgumentException("pattern '" + source + "': token '" + tok + "' is not normalised (write '" + clean + "': lower case, no punctuation)");
        }
        return tok;
    }

    private static List<List<String>> expand(List<List<List<String>>> elements, String source) {
        List<List<String>> acc = new ArrayList<>();
        acc.add(List.of());
        for (List<List<String>> alts : elements) acc = product(acc, alts, source);
        for (List<String> v : acc) {
            if (v.isEmpty()) throw new IllegalArgumentException("pattern '" + source + "': a part between gaps can match nothing (every word in it is optional)");
        }
        return acc;
    }
}
