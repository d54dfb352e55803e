package dev.pressuremonitor.agent.detect.learned;

import dev.pressuremonitor.agent.detect.SecondOpinion.Verdict;
import dev.pressuremonitor.models.Category;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learned second opinion with a stand-in for the sentence model: a turn mentioning Friday points one way, any
 * other turn the other; a prospect saying "no" points one way, anything else the other. The head below reads
 * URGENCY from a Friday turn and COUNTER from any turn after a "no".
 */
class LearnedOpinionTest {
    private final List<String> encoded = new ArrayList<>();

    private float[] encode(String text) {
        encoded.add(text);
        String lower = text.toLowerCase();
        return lower.contains("friday") || lower.startsWith("no") ? new float[]{1, 0} : new float[]{0, 1};
    }

    // dense part: turn (2), prospect's turn (2), whether there was one (1); then one hash slot; then the bias
    private static final LinearHead HEAD = new LinearHead(List.of("NONE", "URGENCY", "COUNTER"), new float[][]{
            {0, 0, 0, 0, 0, 0, 2},
            {4, 0, 0, 0, 0, 0, 0},
            {0, 0, 3, 0, 1, 0, 0}});

    private LearnedOpinion opinion(Map<Category, Double> thresholds) {
        return new LearnedOpinion(this::encode, new LearnedModel(HEAD, 1, 0.0, thresholds, true));
    }

    private static double softmaxShare(double z, double... all) {
        double sum = 0;
        for (double a : all) sum += Math.exp(a);
        return Math.exp(z) / sum;
    }

    @Test
    void aTurnTheHeadIsSureOfIsNamedWithHowSureItIs() {
        Verdict v = opinion(Map.of(Category.URGENCY, 0.5)).judge("the offer ends Friday", null).orElseThrow();
        assertThat(v.category()).isEqualTo(Category.URGENCY);
        assertThat(v.probability()).isCloseTo(softmaxShare(4, 2, 4, 0), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aCategoryStaysQuietBelowItsThresholdAndSpeaksAtIt() {
        double p = opinion(Map.of()).probabilities("the offer ends Friday", null)[1];
        assertThat(p).isCloseTo(softmaxShare(4, 2, 4, 0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(opinion(Map.of(Category.URGENCY, p + 1e-6)).judge("the offer ends Friday", null)).isEmpty();
        assertThat(opinion(Map.of(Category.URGENCY, p)).judge("the offer ends Friday", null)).isPresent();
    }

    @Test
    void aCategoryWithoutAThresholdNeverSpeaks() {
        assertThat(opinion(Map.of(Category.COUNTER, 0.1)).judge("the offer ends Friday", null)).isEmpty();
    }

    @Test
    void noneIsNeverAVerdictTheLikeliestPressureIsWeighedInstead() {
        // a plain turn: NONE is likeliest, URGENCY and COUNTER tie below it; the first of the tie is weighed
        Verdict v = opinion(Map.of(Category.URGENCY, 0.1)).judge("how is the team finding it", null).orElseThrow();
        assertThat(v.category()).isEqualTo(Category.URGENCY);
        assertThat(v.probability()).isCloseTo(softmaxShare(0, 2, 0, 0), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theProspectsTurnBeforeCanMakeTheSameWordsACounter() {
        LearnedOpinion o = opinion(Map.of(Category.COUNTER, 0.5, Category.URGENCY, 0.5));
        String rep = "but have you really thought it through";
        assertThat(o.judge(rep, null)).isEmpty();
        assertThat(o.judge(rep, "no, we are fine as we are")).map(Verdict::category).contains(Category.COUNTER);
        assertThat(o.judge(rep, "   ")).as("a blank prospect turn is no turn").isEmpty();
    }

    @Test
    void theProspectsTurnIsEncodedOnceForTheRepsSeveralUtterancesAfterIt() {
        LearnedOpinion o = opinion(Map.of(Category.COUNTER, 0.5));
        o.judge("but really", "no thanks");
        o.judge("think about it", "no thanks");
        o.judge("what if", "not now");
        assertThat(encoded).containsExactly("no thanks", "but really", "think about it", "not now", "what if");
    }

    @Test
    void anEmptyTurnIsNotJudged() {
        LearnedOpinion o = opinion(Map.of(Category.URGENCY, 0.0));
        assertThat(o.judge("  ", "no")).isEmpty();
        assertThat(o.judge(null, null)).isEmpty();
        assertThat(encoded).isEmpty();
    }

    @Test
    void whetherItNudgesLiveIsTheModelsChoice() {
        assertThat(opinion(Map.of()).live()).isTrue();
        LearnedModel quiet = new LearnedModel(HEAD, 1, 0.0, Map.of(), false);
        LearnedOpinion o = new LearnedOpinion(this::encode, quiet);
        assertThat(o.live()).isFalse();
        assertThat(o.model()).isSameAs(quiet);
    }
}
