package dev.pressuremonitor.agent.detect.learned;

import dev.pressuremonitor.models.Category;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How the rules and the learned opinion combine on labelled lines, and the confidence each category needs so the
 * combination stays precise. Works on what was already computed (the rules' label and the head's probabilities of
 * each line), so choosing thresholds costs no inference.
 */
public final class Combination {
    /** Thresholds tried, high to low. */
    static final double TOP = 0.95, BOTTOM = 0.35, STEP = 0.025;
    /** Below this many verdicts a category's precision says nothing yet, so it neither stops nor allows a threshold. */
    static final int MIN_VERDICTS = 10;

    private Combination() {
    }

    /** The learned label of each line: the likeliest pressure if it clears its threshold, else null (NONE). */
    public static List<Category> learned(List<String> labels, List<double[]> probs, Map<Category, Double> thresholds) {
        List<Category> out = new ArrayList<>(probs.size());
        for (double[] p : probs) out.add(verdict(labels, p, thresholds));
        return out;
    }

    /**
     * What the opinion says of one line, live as in training: the likeliest pressure label (NONE, the first label,
     * is never a verdict; the first of a tie wins) if its probability reaches its category's threshold, else null.
     * A category without a threshold never speaks.
     */
    static Category verdict(List<String> labels, double[] p, Map<Category, Double> thresholds) {
        int best = 1;
        for (int k = 2; k < p.length; k++) if (p[k] > p[best]) best = k;
        Category c = Category.valueOf(labels.get(best));
        return p[best] >= thresholds.getOrDefault(c, Double.POSITIVE_INFINITY) ? c : null;
    }

    /** Rules first: the rules' label where they found pressure, the learned one where they did not. */
    public static List<Category> rulesFirst(List<Category> rules, List<Category> learned) {
        List<Category> out = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) out.add(rules.get(i) != null ? rules.get(i) : learned.get(i));
        return out;
    }

    /** Learned first: the learned label where it is confident, the rules' where it is not. */
    public static List<Category> learnedFirst(List<Category> rules, List<Category> learned) {
        return rulesFirst(learned, rules);
    }

    /**
     * Per category, the lowest threshold (on the grid from {@value #TOP} down) at which the verdicts the opinion adds
     * to the rules (on lines where the rules heard nothing) keep a precision of at least {@code target}, going down
     * only while it holds
     * (a threshold with fewer than {@value #MIN_VERDICTS} verdicts neither stops nor counts); categories are chosen
     * one at a time with the others silent, as their verdicts do not compete (each line gets its likeliest category).
     */
    public static Map<Category, Double> thresholds(List<Category> gold, List<Category> rules, List<String> labels,
                                                   List<double[]> probs, double target) {
        Map<Category, Double> chosen = new EnumMap<>(Category.class);
        for (Category c : Category.pressure()) {
            double keep = Double.POSITIVE_INFINITY;
            for (double t = TOP; t >= BOTTOM - 1e-9; t -= STEP) {
                double tau = Math.round(t * 1000) / 1000.0;
                List<Category> verdicts = learned(labels, probs, Map.of(c, tau));
                int tp = 0, fp = 0;
                for (int i = 0; i < gold.size(); i++) {
                    if (rules.get(i) != null || verdicts.get(i) != c) continue;
                    if (gold.get(i) == c) tp++; else fp++;
                }
                if (tp + fp < MIN_VERDICTS) continue;
                if ((double) tp / (tp + fp) >= target) keep = tau;
                else break;
            }
            if (keep != Double.POSITIVE_INFINITY) chosen.put(c, keep);
        }
        return chosen;
    }

    /**
     * Raises every threshold together, a grid step at a time, until the rules-first combination flags at most
     * {@code maxNoneFlagged} of the lines labelled NONE: a false nudge costs more trust than a missed one.
     */
    public static Map<Category, Double> capFalseAlarms(List<Category> gold, List<Category> rules, List<String> labels,
                                                       List<double[]> probs, Map<Category, Double> thresholds, double maxNoneFlagged) {
        Map<Category, Double> t = new EnumMap<>(Category.class);
        t.putAll(thresholds);
        while (!t.isEmpty() && noneFlagged(gold, rulesFirst(rules, learned(labels, probs, t))) > maxNoneFlagged) {
            Map<Category, Double> raised = new EnumMap<>(Category.class);
            t.forEach((c, v) -> {
                if (v + STEP <= 1.0) raised.put(c, Math.round((v + STEP) * 1000) / 1000.0);
            });
            t = raised;
        }
        return t;
    }

    /** The share of lines labelled NONE that got a pressure label. */
    public static double noneFlagged(List<Category> gold, List<Category> predicted) {
        int none = 0, flagged = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i) != null) continue;
            none++;
            if (predicted.get(i) != null) flagged++;
        }
        return none == 0 ? 0 : (double) flagged / none;
    }
}
