package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.models.Category;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The refit against the model it was refitted from, per category, on one set of labelled lines (rules first, then
 * the learned opinion, as a live agent nudges), and whether the refit keeps precision:
 * <ul>
 *   <li>on our held-out test domains, a category's precision may fall by at most one standard error of the base
 *   model's precision there ({@code sqrt(p(1-p)/n)}, n = the lines the base model put in that category): a smaller
 *   difference is a few lines either way, the noise of the measurement;</li>
 *   <li>on the team's held-out calls it may not fall at all.</li>
 * </ul>
 * A category nothing was put in counts as precision 1 (nothing was flagged wrongly).
 */
final class RefitComparison {
    /** How a slice's tolerance is set. */
    enum Tolerance { STANDARD_ERROR, NONE }

    record Row(Category category, Scoreboard.Score base, Scoreboard.Score refit, double allowedDrop, boolean ok) {}

    private final String name;
    private final int lines;
    private final List<Row> rows = new ArrayList<>();

    private RefitComparison(String name, int lines) {
        this.name = name;
        this.lines = lines;
    }

    static RefitComparison of(String name, List<Category> gold, List<Category> base, List<Category> refit, Tolerance tolerance) {
        RefitComparison c = new RefitComparison(name, gold.size());
        Scoreboard b = Scoreboard.of(gold, base), r = Scoreboard.of(gold, refit);
        for (Category cat : Category.pressure()) {
            Scoreboard.Score sb = withEmptyAsPrecise(b.score(cat)), sr = withEmptyAsPrecise(r.score(cat));
            int n = sb.predicted();
            double p = sb.precision();
            // the standard error of a proportion, with p smoothed by one line either way so a perfect score has noise too
            double smooth = (p * n + 1) / (n + 2);
            double allowed = tolerance == Tolerance.NONE || n == 0 ? 0 : Math.sqrt(smooth * (1 - smooth) / n);
            boolean ok = sr.precision() >= sb.precision() - allowed - 1e-9;
            c.rows.add(new Row(cat, sb, sr, allowed, ok));
        }
        return c;
    }

    private static Scoreboard.Score withEmptyAsPrecise(Scoreboard.Score s) {
        return s.predicted() == 0 ? new Scoreboard.Score(1, s.recall(), s.f1(), s.support(), 0) : s;
    }

    boolean ok() {
        return rows.stream().allMatch(Row::ok);
    }

    /** The categories whose precision fell too far, in words. */
    List<String> failures() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.ok()) {
                out.add(String.format(Locale.ROOT, "%s precision %.3f -> %.3f on %s (allowed drop %.3f)", r.category(),
                        r.base().precision(), r.refit().precision(), name, r.allowedDrop()));
            }
        }
        return out;
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%s (%d lines): base -> refit%n", name, lines);
        out.printf(Locale.ROOT, "%-9s %-22s %-15s %-15s %7s  %s%n", "category", "precision (may drop)", "recall", "F1", "support", "");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-9s %-22s %-15s %-15s %7d  %s%n", r.category(),
                    String.format(Locale.ROOT, "%.3f -> %.3f (%.3f)", r.base().precision(), r.refit().precision(), r.allowedDrop()),
                    String.format(Locale.ROOT, "%.3f -> %.3f", r.base().recall(), r.refit().recall()),
                    String.format(Locale.ROOT, "%.3f -> %.3f", r.base().f1(), r.refit().f1()),
                    r.base().support(), r.ok() ? "ok" : "PRECISION FELL");
        }
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("lines", lines);
        ObjectNode cats = o.putObject("categories");
        for (Row r : rows) {
            ObjectNode c = cats.putObject(r.category().name());
            score(c.putObject("base"), r.base());
            score(c.putObject("refit"), r.refit());
            c.put("allowedPrecisionDrop", round(r.allowedDrop()));
            c.put("ok", r.ok());
        }
        o.put("ok", ok());
        return o;
    }

    private static void score(ObjectNode o, Scoreboard.Score s) {
        o.put("precision", round(s.precision()));
        o.put("recall", round(s.recall()));
        o.put("f1", round(s.f1()));
        o.put("support", s.support());
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
