package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPolicyTest {
    private static final Reframe R = new Reframe("never-chase", "Never chase.", "What changed?");

    private static Alert alert(Category c, Severity s, double at) {
        return new Alert(c, c.name().toLowerCase() + ".x", "words", s, Speaker.REP, at, at + 1, false, R);
    }

    private static List<Boolean> nudges(AlertPolicy p, Alert... alerts) {
        return java.util.Arrays.stream(alerts).map(a -> p.decide(a).nudge()).toList();
    }

    @Test
    void sameCategoryStaysQuietDuringItsCooldown() {
        AlertPolicy p = new AlertPolicy(Frequency.NORMAL, EnumSet.copyOf(Category.pressure()));
        assertThat(nudges(p, alert(Category.CHASE, Severity.MEDIUM, 0), alert(Category.CHASE, Severity.MEDIUM, 30),
                alert(Category.CHASE, Severity.MEDIUM, 46))).containsExactly(true, false, true);
    }

    @Test
    void aBudgetCapsNudgesPerMinuteAcrossCategories() {
        AlertPolicy p = new AlertPolicy(Frequency.NORMAL, EnumSet.copyOf(Category.pressure()));
        assertThat(nudges(p, alert(Category.CHASE, Severity.MEDIUM, 0), alert(Category.CLOSE, Severity.MEDIUM, 10),
                alert(Category.PITCH, Severity.MEDIUM, 20), alert(Category.URGENCY, Severity.MEDIUM, 61)))
                .containsExactly(true, true, false, true);
    }

    @Test
    void rareShowsOnlyStrongerAlerts() {
        AlertPolicy p = new AlertPolicy(Frequency.RARE, EnumSet.copyOf(Category.pressure()));
        assertThat(nudges(p, alert(Category.PITCH, Severity.LOW, 0), alert(Category.CLOSE, Severity.HIGH, 1)))
                .containsExactly(false, true);
    }

    @Test
    void aCategoryTurnedOffNeverNudgesButIsStillReturned() {
        AlertPolicy p = new AlertPolicy(Frequency.OFTEN, EnumSet.of(Category.CLOSE));
        Alert decided = p.decide(alert(Category.PITCH, Severity.HIGH, 0));
        assertThat(decided.nudge()).isFalse();
        assertThat(decided.category()).isEqualTo(Category.PITCH);
    }

    @Test
    void aSuppressedAlertDoesNotRestartTheCooldown() {
        AlertPolicy p = new AlertPolicy(Frequency.NORMAL, EnumSet.copyOf(Category.pressure()));
        assertThat(nudges(p, alert(Category.CHASE, Severity.MEDIUM, 0), alert(Category.CHASE, Severity.MEDIUM, 40),
                alert(Category.CHASE, Severity.MEDIUM, 50))).containsExactly(true, false, true);
    }
}
