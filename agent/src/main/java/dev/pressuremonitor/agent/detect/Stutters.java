package dev.pressuremonitor.agent.detect;

import java.util.List;

/**
 * Stage after the fillers and the passing "you know"s: a word or a phrase of up to three words said twice or more in
 * a row, as people restart and speech-to-text writes it ("i i think", "we can we can do that", "you you should"), is
 * read once, so the rules hear the phrase they were written for. Only within a clause; the first saying is kept,
 * with its timing.
 */
public final class Stutters {
    static final int LONGEST = 3;

    public void collapse(List<Token> tokens) {
        int i = 0;
        while (i < tokens.size()) {
            boolean removed = false;
            for (int n = LONGEST; n >= 1 && !removed; n--) {
                if (repeated(tokens, i, n)) {
                    tokens.subList(i + n, i + 2 * n).clear();
                    removed = true;
                }
            }
            if (!removed) i++;
        }
    }

    /** Whether tokens {@code i..i+n} are said again right after, in the same clause. */
    private static boolean repeated(List<Token> tokens, int i, int n) {
        if (i + 2 * n > tokens.size()) return false;
        int clause = tokens.get(i).clause();
        if (tokens.get(i + 2 * n - 1).clause() != clause) return false;
        for (int k = 0; k < n; k++) {
            if (!tokens.get(i + k).text().equals(tokens.get(i + n + k).text())) return false;
        }
        return true;
    }
}
