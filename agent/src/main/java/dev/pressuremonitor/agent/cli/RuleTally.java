package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which rule decided each line's label, and how often it was right: a rule whose wrong lines are mostly NONE is
 * too eager; one whose wrong lines are another category fires on the wrong kind of push.
 */
final class RuleTally {
    private static final List<Category> CATS = Category.pressure();
    /** Per rule id: how many of its lines had each gold label (index CATS.size() is NONE). */
    private final Map<String, int[]> byRule = new TreeMap<>();
    /** Per rule id: the category it labels lines with. */
    private final Map<String, Category> categoryOf = new TreeMap<>();

    /** A line whose label the alert {@code decided}. */
    void add(Alert decided, Category gold) {
        categoryOf.put(decided.rule(), decided.category());
        byRule.computeIfAbsent(decided.rule(), r -> new int[CATS.size() + 1])[gold == null ? CATS.size() : CATS.indexOf(gold)]++;
    }

    /** One row per rule, least precise first: lines decided, right, precision, and the gold labels of the wrong ones. */
    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%-32s %6s %6s %9s  %s%n", "rule", "lines", "right", "precision", "wrong lines by gold label");
        List<Map.Entry<String, int[]>> rows = new ArrayList<>(byRule.entrySet());
        rows.sort((a, b) -> Double.compare(precision(a.getValue(), categoryOf.get(a.getKey())), precision(b.getValue(), categoryOf.get(b.getKey()))));
        for (Map.Entry<String, int[]> e : rows) {
            int[] counts = e.getValue();
            Category own = categoryOf.get(e.getKey());
            int all = sum(counts), right = own == null ? 0 : counts[CATS.indexOf(own)];
            StringBuilder wrong = new StringBuilder();
            for (int i = 0; i <= CATS.size(); i++) {
                if (counts[i] == 0 || (own != null && i == CATS.indexOf(own))) continue;
                wrong.append(wrong.isEmpty() ? "" : ", ").append(i == CATS.size() ? "NONE" : CATS.get(i).name()).append(' ').append(counts[i]);
            }
            out.printf(Locale.ROOT, "%-32s %6d %6d %9.3f  %s%n", e.getKey(), all, right, precision(counts, own), wrong);
        }
    }

    private static double precision(int[] counts, Category own) {
        int all = sum(counts);
        return all == 0 || own == null ? 0 : (double) counts[CATS.indexOf(own)] / all;
    }

    private static int sum(int[] counts) {
        int n = 0;
        for (int v : counts) n += v;
        return n;
    }
}
