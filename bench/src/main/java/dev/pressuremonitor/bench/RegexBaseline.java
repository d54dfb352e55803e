package dev.pressuremonitor.bench;

import dev.pressuremonitor.agent.detect.PhrasePattern;
import dev.pressuremonitor.agent.detect.Rule;
import dev.pressuremonitor.agent.detect.RulePack;
import dev.pressuremonitor.models.Category;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The baseline the detector is measured against: for each category, one java.util.regex alternation of the
 * same phrases (the rule patterns translated to regex, groups and gaps included), run over each utterance.
 */
final class RegexBaseline {
    private final List<Pattern> perCategory = new ArrayList<>();

    RegexBaseline(RulePack pack) {
        Map<Category, List<String>> alternatives = new EnumMap<>(Category.class);
        for (Rule r : pack.rules()) {
            if (!r.category().isPressure()) continue;
            for (PhrasePattern p : r.patterns()) alternatives.computeIfAbsent(r.category(), c -> new ArrayList<>()).add(toRegex(inlineLexicons(p.source(), pack)));
        }
        for (List<String> alts : alternatives.values()) {
            perCategory.add(Pattern.compile("(?<!\\S)(?:" + String.join("|", alts) + ")"));
        }
    }

    int countMatches(String utterance) {
        String text = utterance + " ";
        int n = 0;
        for (Pattern p : perCategory) {
            if (p.matcher(text).find()) n++;
        }
        return n;
    }

    /** "@name" becomes the group of the lexicon's phrases, so the regex hears the same words. */
    static String inlineLexicons(String source, RulePack pack) {
        return java.util.regex.Pattern.compile("@([a-z][a-z0-9_]*)").matcher(source).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                "(" + String.join("|", pack.lexicons().get(m.group(1)).stream().map(seq -> String.join(" ", seq)).toList()) + ")"));
    }

    /** Pattern syntax to regex: every token is followed by whitespace, so optional parts stay optional. */
    static String toRegex(String source) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '(') {
                out.append("(?:");
                i++;
            } else if (c == ')') {
                out.append(')');
                i++;
            } else if (c == '|') {
                out.append('|');
                i++;
            } else if (c == '?') {
                out.append('?');
                i++;
            } else if (c == '*') {
                int j = i + 1;
                while (j < source.length() && Character.isDigit(source.charAt(j))) j++;
                int n = j == i + 1 ? 3 : Integer.parseInt(source.substring(i + 1, j));
                out.append("(?:\\S+\\s+){0,").append(n).append('}');
                i = j;
            } else {
                int j = i;
                while (j < source.length() && " ()|?*".indexOf(source.charAt(j)) < 0) j++;
                // a word alternative "a|b" outside a group: wrap the run of words and bars
                int k = j;
                while (k < source.length() && source.charAt(k) == '|' && !insideGroup(source, i)) {
                    int m = k + 1;
                    while (m < source.length() && " ()|?*".indexOf(source.charAt(m)) < 0) m++;
                    k = m;
                }
                if (k > j) {
                    out.append("(?:");
                    for (String w : source.substring(i, k).split("\\|")) out.append(Pattern.quote(w)).append("\\s+|");
                    out.setLength(out.length() - 1);
                    out.append(')');
                    i = k;
                } else {
                    out.append("(?:").append(Pattern.quote(source.substring(i, j))).append("\\s+)");
                    i = j;
                }
            }
        }
        return out.toString();
    }

    private static boolean insideGroup(String s, int pos) {
        int depth = 0;
        for (int i = 0; i < pos; i++) {
            if (s.charAt(i) == '(') depth++;
            if (s.charAt(i) == ')') depth--;
        }
        return depth > 0;
    }
}
