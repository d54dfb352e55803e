package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How often live nudges may show, at each --frequency, anywhere in the call (not only from its first second). */
class NudgeFrequencyTest {
    private static final Reframe R = new Reframe("never-chase", "Never chase.", "What changed?");

    private static Alert alert(Category c, Severity s, double at) {
        return new Alert(c, c.name().toLowerCase() + ".x", "words", s, Speaker.REP, at, at + 1, false, R);
    }

    private static List<Boolean> shown(Frequency f, Alert... alerts) {
        AlertPolicy p = new AlertPolicy(f, EnumSet.copyOf(Category.pressure()));
        return Arrays.stream(alerts).map(a -> p.decide(a).nudge()).toList();
    }

    @Test
    void aCategoryStaysQuietForExactly45SecondsAfterItsNudgeLateInTheCall() {
        assertThat(shown(Frequency.NORMAL, alert(Category.CHASE, Severity.MEDIUM, 300), alert(Category.CHASE, Severity.MEDIUM, 344.9),
                alert(Category.CHASE, Severity.MEDIUM, 345))).containsExactly(true, false, true);
    }

    @Test
    void oftenQuietsACategoryFor15Seconds() {
        assertThat(shown(Frequency.OFTEN, alert(Category.CHASE, Severity.LOW, 200), alert(Category.CHASE, Severity.LOW, 214.9),
                alert(Category.CHASE, Severity.LOW, 215))).containsExactly(true, false, true);
    }

    @Test
    void rareQuietsACategoryForTwoMinutes() {
        assertThat(shown(Frequency.RARE, alert(Category.CHASE, Severity.HIGH, 100), alert(Category.CHASE, Severity.HIGH, 219.9),
                alert(Category.CHASE, Severity.HIGH, 220))).containsExactly(true, false, true);
    }

    @Test
    void rareShowsMediumAlertsButNotLowOnes() {
        assertThat(shown(Frequency.RARE, alert(Category.PITCH, Severity.LOW, 0), alert(Category.CLOSE, Severity.MEDIUM, 200)))
                .containsExactly(false, true);
    }

    @Test
    void normalShowsLowAlerts() {
        assertThat(shown(Frequency.NORMAL, alert(Category.PITCH, Severity.LOW, 0))).containsExactly(true);
    }

    @Test
    void theMinuteBudgetFreesASlotExactlySixtySecondsAfterANudge() {
        assertThat(shown(Frequency.NORMAL, alert(Category.CHASE, Severity.MEDIUM, 500), alert(Category.CLOSE, Severity.MEDIUM, 510),
                alert(Category.PITCH, Severity.MEDIUM, 559.9), alert(Category.URGENCY, Severity.MEDIUM, 560)))
                .containsExactly(true, true, false, true);
    }

    @Test
    void oftenAllowsFourNudgesAMinuteButNotFive() {
        assertThat(shown(Frequency.OFTEN, alert(Category.CHASE, Severity.MEDIUM, 0), alert(Category.CLOSE, Severity.MEDIUM, 1),
                alert(Category.PITCH, Severity.MEDIUM, 2), alert(Category.URGENCY, Severity.MEDIUM, 3), alert(Category.DEFEND, Severity.MEDIUM, 4)))
                .containsExactly(true, true, true, true, false);
    }

    @Test
    void withEveryCategoryTurnedOffNothingNudges() {
        AlertPolicy p = new AlertPolicy(Frequency.OFTEN, EnumSet.noneOf(Category.class));
        assertThat(p.decide(alert(Category.CLOSE, Severity.HIGH, 0)).nudge()).isFalse();
    }

    @Test
    void theDefaultsNudgeEveryPressureCategoryAtNormalFrequency() {
        AlertPolicy p = AlertPolicy.defaults();
        assertThat(Category.pressure()).allSatisfy(c -> assertThat(p.decide(alert(c, Severity.LOW, 1000 + 100 * c.ordinal())).nudge()).isTrue());
    }
}
