package dev.pressuremonitor.agent.detect.learned;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped sentence model, run for real with ONNX Runtime. */
class SentenceEncoderTest {
    private static SentenceEncoder encoder;

    @BeforeAll
    static void load() throws Exception {
        encoder = SentenceEncoder.load();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void givesAUnitVectorOf384Numbers() {
        float[] v = encoder.encode("Just checking in to see if you had a chance to look.");
        assertThat(v).hasSize(384);
        assertThat(cosine(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void placesAParaphraseNearerThanAnUnrelatedSentence() {
        float[] a = encoder.encode("The price goes up on the first of the month, so lock it in today.");
        float[] paraphrase = encoder.encode("this rate ends friday and then it costs more so you should sign now");
        float[] unrelated = encoder.encode("My daughter plays the violin in the school orchestra.");
        // e5's cosines sit in a narrow band (two unrelated English sentences score about 0.7), so the gap is smaller
        // than its size suggests: here 0.81 against 0.72
        assertThat(cosine(a, paraphrase)).isGreaterThan(cosine(a, unrelated) + 0.05);
    }

    @Test
    void givesTheSameVectorForTheSameTextEveryTime() {
        assertThat(encoder.encode("Can we shake on it today?")).containsExactly(encoder.encode("Can we shake on it today?"));
    }
}
