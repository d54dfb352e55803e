package dev.pressuremonitor.agent.detect.learned;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
}
