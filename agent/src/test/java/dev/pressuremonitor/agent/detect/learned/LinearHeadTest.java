package dev.pressuremonitor.agent.detect.learned;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The head's arithmetic: which weight meets which feature, and probabilities that stay numbers. */
class LinearHeadTest {
    private static final List<String> LABELS = List.of("NONE", "URGENCY");

    @Test
    void aScoreIsTheDenseWeightsThenOneWeightPerSetHashSlotThenTheBias() {
        // two dense features, three hash slots, bias
        float[] w = {1, 2, 10, 20, 30, 0.5f};
        Features f = new Features(new float[]{3, 4}, new int[]{0, 2}, 0.5f);
        assertThat(LinearHead.score(w, f)).isEqualTo(1 * 3 + 2 * 4 + 10 * 0.5 + 30 * 0.5 + 0.5);
    }

    @Test
    void aHeadWithoutHashSlotsScoresTheDensePartAndTheBias() {
        assertThat(LinearHead.score(new float[]{1, 2, 0.5f}, new Features(new float[]{3, 4}, new int[0], 0f))).isEqualTo(11.5);
    }

    @Test
    void aHeadVeryMuchSureOfOneLabelStillGivesProbabilities() {
        LinearHead head = new LinearHead(LABELS, new float[][]{{0, 0, 1000}, {0, 0, 990}});
        double[] p = head.probabilities(new Features(new float[]{1, 1}, new int[0], 0f));
        assertThat(p[0]).isCloseTo(1.0, within(1e-4));
        assertThat(p[1]).isCloseTo(Math.exp(-10), within(1e-6));
    }

    @Test
    void featuresTheHeadWasNotTrainedForAreRefusedSayingWhichPartDoesNotFit() {
        float[] w = {1, 2, 10, 20, 0.5f}; // two dense features, two hash slots, bias
        assertThatThrownBy(() -> LinearHead.score(w, new Features(new float[]{1, 2, 3, 4, 5}, new int[0], 0f)))
                .hasMessage("5 dense features, the head takes fewer");
        assertThatThrownBy(() -> LinearHead.score(w, new Features(new float[]{1, 2}, new int[]{2}, 1f)))
                .hasMessage("hash slot 2 outside the head's 2");
        assertThat(LinearHead.score(w, new Features(new float[]{1, 2}, new int[]{1}, 1f))).isEqualTo(1 + 4 + 20 + 0.5);
    }
}
