package dev.pressuremonitor.agent.detect.learned;

import dev.pressuremonitor.models.Category;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.pressuremonitor.models.Category.CLOSE;
import static dev.pressuremonitor.models.Category.PITCH;
import static org.assertj.core.api.Assertions.assertThat;

class CombinationTest {
    private static final List<String> LABELS = List.of("NONE", "PITCH", "CLOSE");

    private static double[] p(double none, double pitch, double close) {
        return new double[]{none, pitch, close};
    }

    @Test
    void theRulesWinWhereTheyHeardPressureAndTheOpinionFillsTheRest() {
        List<Category> rules = Arrays.asList(PITCH, null, null);
        List<Category> learned = Arrays.asList(CLOSE, CLOSE, null);
        assertThat(Combination.rulesFirst(rules, learned)).containsExactly(PITCH, CLOSE, null);
        assertThat(Combination.learnedFirst(rules, learned)).containsExactly(CLOSE, CLOSE, null);
    }

    @Test
    void theOpinionSpeaksOnlyAboveItsCategorysThreshold() {
        List<double[]> probs = List.of(p(0.2, 0.1, 0.7), p(0.4, 0.1, 0.5), p(0.3, 0.6, 0.1));
        assertThat(Combination.learned(LABELS, probs, Map.of(CLOSE, 0.6, PITCH, 0.65))).containsExactly(CLOSE, null, null);
    }

    /** {@code n} lines with the same CLOSE probability, each labelled {@code gold}. */
    private static void lines(int n, double close, Category gold, List<Category> golds, List<double[]> probs) {
        for (int i = 0; i < n; i++) {
            golds.add(gold);
            probs.add(p(1 - close, 0, close));
        }
    }

    @Test
    void choosesTheLowestThresholdThatKeepsTheCategoryPrecise() {
        // CLOSE at 0.9 and 0.8 is right, at 0.7 wrong, at 0.6 right again: going down stops just above 0.7 (1.0 -> 2/3)
        List<Category> gold = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        lines(10, 0.9, CLOSE, gold, probs);
        lines(10, 0.8, CLOSE, gold, probs);
        lines(10, 0.7, null, gold, probs);
        lines(10, 0.6, CLOSE, gold, probs);
        List<Category> rules = Arrays.asList(new Category[gold.size()]);
        Map<Category, Double> t = Combination.thresholds(gold, rules, LABELS, probs, 0.9);
        assertThat(t).containsEntry(CLOSE, 0.725).doesNotContainKey(PITCH);
    }

    @Test
    void aFewVerdictsNeitherStopTheSearchNorChooseAThreshold() {
        // one wrong verdict at 0.95 alone says little; with ten right ones below it precision holds all the way down
        List<Category> gold = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        lines(1, 0.95, null, gold, probs);
        lines(10, 0.85, CLOSE, gold, probs);
        List<Category> rules = Arrays.asList(new Category[gold.size()]);
        assertThat(Combination.thresholds(gold, rules, LABELS, probs, 0.9)).containsEntry(CLOSE, Combination.BOTTOM);
    }

    @Test
    void falseAlarmsAreCappedByRaisingEveryThreshold() {
        // 20 NONE lines: 4 at 0.7 would be flagged (20%); at 0.725 and above none are
        List<Category> gold = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        lines(16, 0.1, null, gold, probs);
        lines(4, 0.7, null, gold, probs);
        lines(10, 0.9, CLOSE, gold, probs);
        List<Category> rules = Arrays.asList(new Category[gold.size()]);
        Map<Category, Double> capped = Combination.capFalseAlarms(gold, rules, LABELS, probs, Map.of(CLOSE, 0.7), 0.03);
        assertThat(capped).containsEntry(CLOSE, 0.725);
        assertThat(Combination.noneFlagged(gold, Combination.rulesFirst(rules, Combination.learned(LABELS, probs, capped)))).isZero();
    }

    @Test
    void tenVerdictsAreEnoughToChooseAThreshold() {
        List<Category> gold = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        lines(Combination.MIN_VERDICTS, 0.85, CLOSE, gold, probs);
        List<Category> rules = Arrays.asList(new Category[gold.size()]);
        assertThat(Combination.thresholds(gold, rules, LABELS, probs, 0.9)).containsEntry(CLOSE, Combination.BOTTOM);
    }

    @Test
    void aPrecisionExactlyAtTheTargetIsPreciseEnough() {
        // 9 right and 1 wrong: 90% for a target of 90%
        List<Category> gold = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        lines(9, 0.85, CLOSE, gold, probs);
        lines(1, 0.85, null, gold, probs);
        List<Category> rules = Arrays.asList(new Category[gold.size()]);
        assertThat(Combination.thresholds(gold, rules, LABELS, probs, 0.9)).containsEntry(CLOSE, Combination.BOTTOM);
    }

    @Test
    void falseAlarmsExactlyAtTheCapLeaveTheThresholdsAlone() {
        // 20 NONE lines, one flagged at 0.7: 5% for a cap of 5%
        List<Category> gold = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        lines(19, 0.1, null, gold, probs);
        lines(1, 0.7, null, gold, probs);
        List<Category> rules = Arrays.asList(new Category[gold.size()]);
        assertThat(Combination.noneFlagged(gold, Combination.rulesFirst(rules, Combination.learned(LABELS, probs, Map.of(CLOSE, 0.7))))).isEqualTo(0.05);
        assertThat(Combination.capFalseAlarms(gold, rules, LABELS, probs, Map.of(CLOSE, 0.7), 0.05)).containsEntry(CLOSE, 0.7);
    }

    @Test
    void aThresholdIsRaisedUpToCertaintyAndACategoryWrongEvenThereFallsSilent() {
        List<Category> gold = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        lines(1, 0.99, null, gold, probs);
        List<Category> rules = Arrays.asList(new Category[gold.size()]);
        assertThat(Combination.capFalseAlarms(gold, rules, LABELS, probs, Map.of(CLOSE, 0.975), 0.0)).containsEntry(CLOSE, 1.0);

        List<Category> sureGold = new ArrayList<>();
        List<double[]> sure = new ArrayList<>();
        lines(1, 1.0, null, sureGold, sure);
        assertThat(Combination.capFalseAlarms(sureGold, rules, LABELS, sure, Map.of(CLOSE, 0.95), 0.0)).isEmpty();
    }

    @Test
    void theShareOfNoneLinesFlaggedCountsOnlyNoneLines() {
        assertThat(Combination.noneFlagged(Arrays.asList(null, null, null, null, CLOSE), Arrays.asList(PITCH, null, null, null, CLOSE))).isEqualTo(0.25);
        assertThat(Combination.noneFlagged(List.of(CLOSE), List.of(CLOSE))).isZero();
    }
}
