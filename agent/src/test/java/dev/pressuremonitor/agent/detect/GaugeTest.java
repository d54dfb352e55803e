package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live pressure gauge, in exact readings: 100 * (1 - e^(-load/3)), where a MEDIUM rule of weight 1 adds 1,
 * LOW counts 0.6 and HIGH 1.5 times the weight, a trust signal takes 0.5 away, a metric warning adds 0.5 while it
 * holds, and the load halves every 90 seconds.
 */
class GaugeTest {

    private static Detector detector(String... rules) {
        return new Detector(Packs.engine(String.join(",", rules)), new AlertPolicy(Frequency.OFTEN, EnumSet.copyOf(Category.pressure())),
                MetricsThresholds.research(), true);
    }

    private static final String CHASE = Packs.rule("chase.checking-in", "CHASE", "\"just checking in\"", "");
    private static final String TRUST = Packs.rule("trust.tell-me", "TRUST", "\"tell me more\"", "");

    private static void say(Detector d, double at, String words) {
        d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(at, words)));
    }

    @Test
    void oneMediumAlertReadsTwentyEight() {
        Detector d = detector(CHASE);
        say(d, 1.0, "just checking in");
        assertThat(d.snapshot(1.0).pressureIndex()).isEqualTo(28);
    }

    @Test
    void theGaugeLosesHalfItsLoadEveryNinetySeconds() {
        Detector d = detector(CHASE);
        say(d, 1.0, "just checking in");
        assertThat(d.snapshot(91.0).pressureIndex()).isEqualTo(15);
    }

    @Test
    void aTrustSignalBringsTheGaugeDown() {
        Detector pressured = detector(CHASE, TRUST);
        say(pressured, 1.0, "just checking in");
        Detector relieved = detector(CHASE, TRUST);
        say(relieved, 1.0, "just checking in");
        say(relieved, 3.0, "tell me more");
        assertThat(pressured.snapshot(4.0).pressureIndex()).isEqualTo(28);
        assertThat(relieved.snapshot(4.0).pressureIndex()).isEqualTo(15);
    }

    @Test
    void trustCannotPushTheGaugeBelowEmpty() {
        Detector d = detector(CHASE, TRUST);
        say(d, 1.0, "tell me more");
        say(d, 2.0, "just checking in");
        assertThat(d.snapshot(2.0).pressureIndex()).isEqualTo(28);
    }

    @Test
    void aHighSeverityRuleWeighsOneAndAHalfTimes() {
        Detector d = detector(Packs.rule("close.sign", "CLOSE", "\"ready to sign\"", "\"severity\":\"HIGH\""));
        say(d, 1.0, "are you ready to sign");
        assertThat(d.snapshot(2.0).pressureIndex()).isEqualTo(39);
    }

    @Test
    void aLowSeverityRuleWeighsSixTenths() {
        Detector d = detector(Packs.rule("pitch.we", "PITCH", "\"our platform\"", "\"severity\":\"LOW\""));
        say(d, 1.0, "our platform");
        assertThat(d.snapshot(1.5).pressureIndex()).isEqualTo(18);
    }

    @Test
    void aRulesWeightScalesItsLoad() {
        Detector d = detector(Packs.rule("chase.heavy", "CHASE", "\"just checking in\"", "\"weight\":2.0"));
        say(d, 1.0, "just checking in");
        assertThat(d.snapshot(1.0).pressureIndex()).isEqualTo(49);
    }

    @Test
    void aMetricWarningThatHoldsAddsHalfAnAlert() {
        Detector d = detector(CHASE);
        // 100 words at 240 a minute: "pace-fast" holds, no rule fires
        d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(0, 0.25, "word ".repeat(100).trim())));
        assertThat(d.snapshot(26).warnings()).containsExactly("pace-fast");
        assertThat(d.snapshot(26).pressureIndex()).isEqualTo(15);
    }

    @Test
    void aLaterTrustSignalTakesItsReliefFromTheFadedLoad() {
        Detector d = detector(CHASE, TRUST);
        say(d, 1.0, "just checking in");
        say(d, 91.0, "tell me more");
        assertThat(d.snapshot(91.0).pressureIndex()).as("half the load left after 90 s, and the trust signal takes that half").isZero();
    }
}
