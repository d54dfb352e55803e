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

    @Test
    void choosesTheLowestThresholdThatKeepsTheCategoryPrecise() {
        // CLOSE probabilities 0.9, 0.8 (right), 0.7 (wrong), 0.6 (right): at 0.8 precision is 1.0, at 0.7 it is 2/3
        List<Category> gold = Arrays.asList(CLOSE, CLOSE, null, CLOSE);
        List<Category> rules = new ArrayList<>(Arrays.asList(null, null, null, null));
        List<double[]> probs = List.of(p(0.1, 0, 0.9), p(0.2, 0, 0.8), p(0.3, 0, 0.7), p(0.4, 0, 0.6));
        Map<Category, Double> t = Combination.thresholds(gold, rules, LABELS, probs, 0.9);
        assertThat(t).containsEntry(CLOSE, 0.8).doesNotContainKey(PITCH);
    }
}
