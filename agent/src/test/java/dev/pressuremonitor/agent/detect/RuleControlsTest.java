package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A team's per-rule settings, applied by the alert policy: off, turned down, or back to the usual. */
class RuleControlsTest {
    private static final Reframe R = new Reframe("never-chase", "Never chase.", "What changed?");

    private static Alert alert(String rule, Category c, double at) {
        return new Alert(c, rule, "words", Severity.MEDIUM, Speaker.REP, at, at + 1, false, R);
    }

    private static List<Boolean> nudges(AlertPolicy p, Alert... alerts) {
        return java.util.Arrays.stream(alerts).map(a -> p.decide(a).nudge()).toList();
    }

    private static AlertPolicy often(RuleControls rules) {
        return new AlertPolicy(Frequency.OFTEN, EnumSet.copyOf(Category.pressure()), rules);
    }

    @Test
    void aRuleTurnedOffNeverNudgesWhileOtherRulesOfItsCategoryStillDo() {
        RuleControls rules = new RuleControls();
        rules.replace(Map.of("urgency.deadline", "off"));

        assertThat(nudges(often(rules), alert("urgency.deadline", Category.URGENCY, 0), alert("urgency.scarcity", Category.URGENCY, 30)))
                .containsExactly(false, true);
    }

    @Test
    void aLearnedVerdictIsARuleTooAndCanBeTurnedOff() {
        RuleControls rules = new RuleControls();
        rules.replace(Map.of("learned.close", "off"));

        Alert decided = often(rules).decide(alert("learned.close", Category.CLOSE, 0));
        assertThat(decided.nudge()).isFalse();
        assertThat(decided.rule()).as("still recorded for the summary").isEqualTo("learned.close");
    }

    @Test
    void aRuleTurnedDownNudgesAtMostOnceEveryFiveMinutes() {
        RuleControls rules = new RuleControls();
        rules.replace(Map.of("chase.checking-in", "down"));

        assertThat(nudges(often(rules), alert("chase.checking-in", Category.CHASE, 0), alert("chase.checking-in", Category.CHASE, 60),
                alert("chase.checking-in", Category.CHASE, 299), alert("chase.checking-in", Category.CHASE, 301)))
                .containsExactly(true, false, false, true);
    }

    @Test
    void aChangeDuringTheCallAppliesFromTheNextAlertAndSaysWhatChanged() {
        RuleControls rules = new RuleControls();
        AlertPolicy p = often(rules);
        assertThat(p.decide(alert("urgency.deadline", Category.URGENCY, 0)).nudge()).isTrue();

        assertThat(rules.replace(Map.of("urgency.deadline", "off"))).isEqualTo("urgency.deadline off");
        assertThat(p.decide(alert("urgency.deadline", Category.URGENCY, 100)).nudge()).isFalse();

        assertThat(rules.replace(Map.of())).isEqualTo("urgency.deadline on");
        assertThat(p.decide(alert("urgency.deadline", Category.URGENCY, 200)).nudge()).isTrue();
    }

    @Test
    void aRuleTurnedDownIsHeardAgainExactlyFiveMinutesLaterAtAnyPointOfTheCall() {
        RuleControls rules = new RuleControls();
        rules.replace(Map.of("chase.checking-in", "down"));

        assertThat(nudges(often(rules), alert("chase.checking-in", Category.CHASE, 1000), alert("chase.checking-in", Category.CHASE, 1299),
                alert("chase.checking-in", Category.CHASE, 1300)))
                .containsExactly(true, false, true);
    }
}
