package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.Category;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tallies gold against predicted labels (null = NONE) and reports the usual figures. */
final class Scoreboard {
    private static final List<Category> CATS = Category.pressure();
    /** Row gold, column predicted; index CATS.size() is NONE. */
    private final int[][] confusion = new int[CATS.size() + 1][CATS.size() + 1];

    /** The board of {@code predicted} against {@code gold}, line by line. */
    static Scoreboard of(List<Category> gold, List<Category> predicted) {
        Scoreboard b = new Scoreboard();
        for (int i = 0; i < gold.size(); i++) b.add(gold.get(i), predicted.get(i));
        return b;
    }

    void add(Category gold, Category predicted) {
        confusion[index(gold)][index(predicted)]++;
    }

    int total() {
        int n = 0;
        for (int[] row : confusion) for (int v : row) n += v;
        return n;
    }

    /** @param support lines labelled this; @param predicted lines the detector gave this */
    record Score(double precision, double recall, double f1, int support, int predicted) {}

    Score score(Category c) {
        int i = index(c), tp = confusion[i][i], predicted = 0, gold = 0;
        for (int k = 0; k <= CATS.size(); k++) {
            predicted += confusion[k][i];
            gold += confusion[i][k];
        }
        double p = predicted == 0 ? 0 : (double) tp / predicted;
        double r = gold == 0 ? 0 : (double) tp / gold;
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Score(p, r, f, gold, predicted);
    }

    /** The lowest precision of any category (a category never predicted counts as 0). */
    double minPrecision() {
        double min = 1;
        for (Category c : CATS) min = Math.min(min, score(c).precision());
        return min;
    }

    /**
     * The mean F1 over the categories the lines hold or the detector gave: a category neither labelled nor predicted
     * has no F1 (a file of chases alone is not scored down for holding no pitch). NaN when there is none.
     */
    double macroF1() {
        double sum = 0;
        int n = 0;
        for (Category c : CATS) {
            Score s = score(c);
            if (s.support() + s.predicted() == 0) continue;
            sum += s.f1();
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** A macro-F1 as printed: three decimals, or n/a when no category was labelled or predicted. */
    static String macro(double f) {
        return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.3f", f);
    }

    /**
     * Pooled over the pressure categories: of the lines given a pressure label, how many got the right one
     * (precision); of the pressure lines, how many were found with the right label (recall).
     */
    Score pooled() {
        int right = 0, predicted = 0, gold = 0;
        for (int g = 0; g <= CATS.size(); g++) {
            for (int p = 0; p < CATS.size(); p++) {
                predicted += confusion[g][p];
                if (g == p) right += confusion[g][p];
            }
            if (g < CATS.size()) for (int p = 0; p <= CATS.size(); p++) gold += confusion[g][p];
        }
        double pr = predicted == 0 ? 0 : (double) right / predicted;
        double r = gold == 0 ? 0 : (double) right / gold;
        return new Score(pr, r, pr + r == 0 ? 0 : 2 * pr * r / (pr + r), gold, predicted);
    }

    int noneLines() {
        int n = 0;
        for (int v : confusion[CATS.size()]) n += v;
        return n;
    }

    /** One row per domain: lines, pooled precision/recall/F1 over pressure lines, macro-F1, NONE flagged. */
    static void printDomains(PrintWriter out, Map<String, Scoreboard> byDomain) {
        out.printf(Locale.ROOT, "%-24s %6s %9s %7s %7s %8s  %s%n", "domain", "lines", "precision", "recall", "f1", "macro-F1", "NONE flagged");
        for (Map.Entry<String, Scoreboard> e : byDomain.entrySet()) {
            Scoreboard b = e.getValue();
            Score s = b.pooled();
            int none = b.noneLines();
            out.printf(Locale.ROOT, "%-24s %6d %9.3f %7.3f %7.3f %8s  %.1f%% (%d of %d)%n", e.getKey(), b.total(), s.precision(), s.recall(),
                    s.f1(), macro(b.macroF1()), 100 * b.noneFlagged(), Math.round(b.noneFlagged() * none), none);
        }
    }

    /** Share of NONE lines that got a pressure label. */
    double noneFlagged() {
        int[] row = confusion[CATS.size()];
        int all = 0;
        for (int v : row) all += v;
        return all == 0 ? 0 : (double) (all - row[CATS.size()]) / all;
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%-9s %9s %7s %7s %8s%n", "category", "precision", "recall", "f1", "support");
        for (Category c : CATS) {
            Score s = score(c);
            out.printf(Locale.ROOT, "%-9s %9.3f %7.3f %7.3f %8d%n", c, s.precision(), s.recall(), s.f1(), s.support());
        }
        int noneSupport = 0;
        for (int v : confusion[CATS.size()]) noneSupport += v;
        out.printf(Locale.ROOT, "macro-F1 %s over %d lines; NONE flagged %.1f%% (%d of %d)%n", macro(macroF1()), total(),
                100 * noneFlagged(), noneSupport - confusion[CATS.size()][CATS.size()], noneSupport);
        out.println();
        out.println("confusion (rows: gold, columns: predicted)");
        List<String> names = new ArrayList<>();
        CATS.forEach(c -> names.add(c.name()));
        names.add("NONE");
        out.printf("%-9s", "");
        for (String n : names) out.printf(" %8s", n);
        out.println();
        for (int r = 0; r < names.size(); r++) {
            out.printf("%-9s", names.get(r));
            for (int c = 0; c < names.size(); c++) out.printf(" %8d", confusion[r][c]);
            out.println();
        }
    }

    private static int index(Category c) {
        return c == null ? CATS.size() : CATS.indexOf(c);
    }
}
