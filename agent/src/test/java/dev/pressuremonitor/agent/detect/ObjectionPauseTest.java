package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** With the shipped rules: the pause is timed after pushback on the proposal, not after the prospect describes their pain. */
class ObjectionPauseTest {
    private static final RuleEngine SHIPPED = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());

    private final Detector detector = new Detector(SHIPPED, AlertPolicy.defaults(), MetricsThresholds.research(), true);

    private void say(Speaker s, double at, String text) {
        detector.accept(new TranscriptSegment(s, true, Words.at(at, 0.4, text)));
    }

    @Test
    void aProspectDescribingTheirPainIsNotObjecting() {
        say(Speaker.PROSPECT, 10, "honestly we spend so much time chasing invoices every month");
        say(Speaker.REP, 16, "what does that cost you");
        assertThat(detector.figures().objectionPauses()).isEmpty();
    }

    @Test
    void painDoneByHandIsNotAnObjectionEither() {
        say(Speaker.PROSPECT, 10, "it takes us a lot of time because we do it all by hand");
        say(Speaker.REP, 16, "how many people work on it");
        assertThat(detector.figures().objectionPauses()).isEmpty();
    }

    @Test
    void pushbackOnTheProposalIsAnObjectionAndThePauseIsTimed() {
        say(Speaker.PROSPECT, 10, "that is too much change for us right now");   // last word 13.2 .. 13.52
        say(Speaker.REP, 14, "what part of it worries you");
        assertThat(detector.figures().objectionPauses()).singleElement().satisfies(p -> assertThat(p).isCloseTo(0.48, within(1e-9)));
    }

    @Test
    void aPlainQuestionAboutUsIsNotAnObjection() {
        say(Speaker.PROSPECT, 10, "how long has your company been around");
        say(Speaker.REP, 14, "about twelve years now");
        assertThat(detector.figures().objectionPauses()).isEmpty();
    }
}
