package dev.pressuremonitor.agent.detect.learned;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HeadTrainerTest {
    private static final List<String> LABELS = List.of("NONE", "PITCH", "CLOSE");

    /** Three clusters in the dense part; CLOSE lines also share the hashed word slot 3. */
    private static List<Features> examples(int[] y) {
        List<Features> x = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            float[] d = new float[3];
            d[y[i]] = 1f;
            d[(y[i] + 1) % 3] = 0.1f * (i % 4);
            x.add(new Features(d, y[i] == 2 ? new int[]{3} : new int[]{i % 3}, 1f));
        }
        return x;
    }

    private static final int[] Y = {0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2};

    @Test
    void learnsToTellSeparableLabelsApart() {
        LinearHead head = new HeadTrainer(1e-3, 200, 0.1).fit(LABELS, examples(Y), Y, 8);
        List<Features> x = examples(Y);
        for (int i = 0; i < Y.length; i++) {
            double[] p = head.probabilities(x.get(i));
            int best = 0;
            for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
            assertThat(best).as("example %d", i).isEqualTo(Y[i]);
        }
    }

    @Test
    void theSameLinesAlwaysGiveTheSameHead() {
        LinearHead a = new HeadTrainer(1e-3, 50, 0.1).fit(LABELS, examples(Y), Y, 8);
        LinearHead b = new HeadTrainer(1e-3, 50, 0.1).fit(LABELS, examples(Y), Y, 8);
        for (int k = 0; k < LABELS.size(); k++) assertThat(a.weights()[k]).containsExactly(b.weights()[k]);
    }

    @Test
    void aSmallClassWeighsAsMuchAsALargeOne() {
        double[] w = HeadTrainer.classWeights(Y, 3);
        assertThat(w[0] * 6).isCloseTo(w[1] * 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[0] * 6 + w[1] * 3 + w[2] * 3).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aWrittenHeadReadsBackWithTheSameProbabilities() throws Exception {
        LinearHead head = new HeadTrainer(1e-3, 50, 0.1).fit(LABELS, examples(Y), Y, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head.write(out, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
        LinearHead back = LinearHead.read(new ByteArrayInputStream(out.toByteArray()), "test");
        Features f = examples(Y).get(10);
        assertThat(back.labels()).isEqualTo(LABELS);
        assertThat(back.probabilities(f)).containsExactly(head.probabilities(f), org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void aFileThatIsNoHeadIsRefusedWithTheCommandThatMakesOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LinearHead.read(new ByteArrayInputStream("{\"weights\":[]}".getBytes()), "x.json"))
                .hasMessageContaining("x.json").hasMessageContaining("pressure-monitor train");
    }

    @Test
    void theDefaultSettingsLearnToTellSeparableLabelsApart() {
        LinearHead head = HeadTrainer.defaults().fit(LABELS, examples(Y), Y, 8);
        List<Features> x = examples(Y);
        for (int i = 0; i < Y.length; i++) assertThat(likeliest(head, x.get(i))).as("example %d", i).isEqualTo(Y[i]);
    }

    @Test
    void theHeadHasAWeightForEachDenseFeatureEachHashSlotAndTheBias() {
        LinearHead head = new HeadTrainer(1e-3, 5, 0.1).fit(LABELS, words(), WORDS_Y, 6);
        assertThat(head.width()).isEqualTo(3 + 6 + 1);
    }

    // ---- what the trainer minimises: the class-weighted cross-entropy plus the L2 penalty, bias left free ----

    /**
     * Lines told apart partly by the dense part and partly by hashed words (slot value 0.5, as for four words at
     * hash weight 1), overlapping so that no head is certain: the loss has one lowest point inside.
     */
    private static List<Features> words() {
        List<Features> x = new ArrayList<>();
        for (int i = 0; i < WORDS_Y.length; i++) {
            int label = WORDS_Y[i];
            float[] d = {label == 0 ? 1f : 0.2f * (i % 3), label == 1 ? 0.8f : 0.1f * (i % 2), (i % 4) * 0.25f};
            int[] slots = label == 2 ? new int[]{5, i % 2} : label == 1 ? new int[]{2, 3} : new int[]{i % 4};
            x.add(new Features(d, slots, 0.5f));
        }
        return x;
    }

    private static final int[] WORDS_Y = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 0, 1, 2, 0};

    /** Each line's share of the loss: every class present counts the same in total, shared among its lines. */
    private static double[] balancedShares(int[] y, double[] extra) {
        int[] count = new int[10];
        for (int c : y) count[c]++;
        long present = java.util.Arrays.stream(count).filter(n -> n > 0).count();
        double[] share = new double[y.length];
        double total = 0;
        for (int j = 0; j < y.length; j++) total += share[j] = extra[j] / (present * count[y[j]]);
        for (int j = 0; j < y.length; j++) share[j] /= total;
        return share;
    }

    private static double loss(float[][] w, List<Features> x, int[] y, double[] share, double l2, float[][] anchor) {
        double loss = 0;
        for (int j = 0; j < x.size(); j++) {
            double[] z = new double[w.length];
            double sum = 0;
            for (int c = 0; c < w.length; c++) sum += Math.exp(z[c] = LinearHead.score(w[c], x.get(j)));
            loss -= share[j] * (z[y[j]] - Math.log(sum));
        }
        for (int c = 0; c < w.length; c++) {
            for (int i = 0; i < w[c].length - 1; i++) loss += l2 / 2 * Math.pow(w[c][i] - anchor[c][i], 2);
        }
        return loss;
    }

    /** No single weight moved a little either way lowers the loss: the head is at its lowest point. */
    private static void assertAtTheLowestLoss(LinearHead head, List<Features> x, int[] y, double[] share, double l2, float[][] anchor) {
        float[][] w = head.weights();
        double at = loss(w, x, y, share, l2, anchor);
        for (int c = 0; c < w.length; c++) {
            for (int i = 0; i < w[c].length; i++) {
                for (float delta : new float[]{-0.01f, 0.01f}) {
                    float[][] moved = new float[w.length][];
                    for (int r = 0; r < w.length; r++) moved[r] = w[r].clone();
                    moved[c][i] += delta;
                    assertThat(loss(moved, x, y, share, l2, anchor)).as("weight %d of %s moved by %s", i, head.labels().get(c), delta)
                            .isGreaterThan(at);
                }
            }
        }
    }

    @Test
    void aFitEndsAtTheLowestClassWeightedPenalisedLoss() {
        List<Features> x = words();
        double[] ones = new double[WORDS_Y.length];
        java.util.Arrays.fill(ones, 1);
        LinearHead head = new HeadTrainer(0.05, 3000, 0.01).fit(LABELS, x, WORDS_Y, 6);
        assertAtTheLowestLoss(head, x, WORDS_Y, balancedShares(WORDS_Y, ones), 0.05, new float[3][10]);
    }

    @Test
    void aRefitEndsAtTheLowestLossWithMarkedLinesWeighedMoreAndWeightsPulledTowardTheStart() {
        List<Features> x = words();
        LinearHead start = new HeadTrainer(1e-3, 100, 0.1).fit(LABELS, x, WORDS_Y, 6);
        int[] y = WORDS_Y.clone();
        y[0] = 2; // the team marked two lines the corpus calls NONE
        y[1] = 2;
        double[] extra = new double[y.length];
        java.util.Arrays.fill(extra, 1);
        extra[0] = extra[1] = 5;
        LinearHead refit = new HeadTrainer(0.05, 3000, 0.01).refine(start, x, y, extra);
        assertAtTheLowestLoss(refit, x, y, balancedShares(y, extra), 0.05, start.weights());
    }

    @Test
    void theFirstStepMovesEachWeightByTheLearningRateTowardTheRightLabel() {
        LinearHead head = new HeadTrainer(1e-3, 1, 0.1).fit(LABELS, examples(Y), Y, 8);
        float[][] w = head.weights();
        for (int c = 0; c < 3; c++) {
            assertThat(w[c][c]).as("%s's own feature", LABELS.get(c)).isCloseTo(0.1f, within(1e-6f));
            for (float v : w[c]) assertThat(Math.abs(v)).satisfiesAnyOf(a -> assertThat(a).isCloseTo(0.1f, within(1e-6f)), a -> assertThat(a).isLessThan(1e-6f));
        }
    }

    // ---- a team's refit ----

    @Test
    void aRefitLearnsTheLabelATeamMarkedAndKeepsWhatTheHeadAlreadyGotRight() {
        List<Features> corpus = examples(Y);
        LinearHead base = new HeadTrainer(1e-3, 200, 0.1).fit(LABELS, corpus, Y, 8);
        // the team's lines sound like NONE in the dense part but use a word (slot 6) the corpus never had: PITCH
        Features marked = new Features(new float[]{1f, 0.1f, 0}, new int[]{6}, 1f);
        assertThat(likeliest(base, marked)).isZero();

        List<Features> x = new ArrayList<>(corpus);
        int[] y = java.util.Arrays.copyOf(Y, Y.length + 3);
        double[] extra = new double[y.length];
        java.util.Arrays.fill(extra, 1);
        for (int i = 0; i < 3; i++) {
            x.add(marked);
            y[Y.length + i] = 1;
            extra[Y.length + i] = 10;
        }
        LinearHead refit = new HeadTrainer(1e-3, 200, 0.05).refine(base, x, y, extra);
        assertThat(likeliest(refit, marked)).isEqualTo(1);
        for (int i = 0; i < Y.length; i++) assertThat(likeliest(refit, corpus.get(i))).as("corpus line %d", i).isEqualTo(Y[i]);
    }

    @Test
    void aRefitLeavesWeightsNoLineSpeaksToWhereTheyWere() {
        LinearHead base = new HeadTrainer(1e-3, 50, 0.1).fit(LABELS, examples(Y), Y, 8);
        base.weights()[1][3 + 7] = 1.5f; // slot 7: a word none of the lines below has
        double[] extra = new double[Y.length];
        java.util.Arrays.fill(extra, 2);
        LinearHead refit = new HeadTrainer(0.1, 100, 0.05).refine(base, examples(Y), Y, extra);
        assertThat(refit.weights()[1][3 + 7]).isEqualTo(1.5f);
    }

    @Test
    void aHeadSureOfItselfCanStillBeRefitted() {
        float[][] w = new float[3][3 + 8 + 1];
        w[0][w[0].length - 1] = 800; // scores far beyond what exp() can hold
        LinearHead refit = new HeadTrainer(1e-3, 20, 0.1).refine(new LinearHead(LABELS, w), examples(Y), Y, ones(Y.length));
        for (float[] row : refit.weights()) for (float v : row) assertThat(v).isFinite();
    }

    @Test
    void linesOrLabelsMissingAreRefusedSayingWhatIsWrong() {
        HeadTrainer t = new HeadTrainer(1e-3, 5, 0.1);
        LinearHead base = t.fit(LABELS, examples(Y), Y, 8);
        assertThatThrownBy(() -> t.fit(LABELS, List.of(), new int[0], 8)).hasMessage("no examples to train on");
        assertThatThrownBy(() -> t.fit(LABELS, examples(Y), new int[]{0, 1}, 8)).hasMessage("12 examples but 2 labels");
        assertThatThrownBy(() -> t.refine(base, List.of(), new int[0], new double[0])).hasMessage("no examples to train on");
        assertThatThrownBy(() -> t.refine(base, examples(Y), new int[]{0}, ones(12))).hasMessage("12 examples but 1 labels and 12 weights");
        assertThatThrownBy(() -> t.refine(base, examples(Y), Y, ones(3))).hasMessage("12 examples but 12 labels and 3 weights");
    }

    @Test
    void linesWithMoreFeaturesThanTheHeadTakesAreRefusedAndAHeadWithoutHashSlotsIsRefitted() {
        HeadTrainer t = new HeadTrainer(1e-3, 5, 0.1);
        LinearHead narrow = new LinearHead(LABELS, new float[3][3 + 1]); // three dense features, no hash slots, bias
        List<Features> plain = examples(Y).stream().map(f -> new Features(f.dense(), new int[0], 0f)).toList();
        assertThat(t.refine(narrow, plain, Y, ones(Y.length)).width()).isEqualTo(4);
        LinearHead tooNarrow = new LinearHead(LABELS, new float[3][3]);
        assertThatThrownBy(() -> t.refine(tooNarrow, plain, Y, ones(Y.length))).hasMessage("3 dense features, the head takes 2");
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1);
        return d;
    }

    private static int likeliest(LinearHead head, Features f) {
        double[] p = head.probabilities(f);
        int best = 0;
        for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
        return best;
    }
}
