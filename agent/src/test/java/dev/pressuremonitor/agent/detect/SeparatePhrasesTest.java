package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One nudge per phrase: separate phrases in one breath each count; phrases sharing words are one moment. */
class SeparatePhrasesTest {
    private static final RuleEngine ENGINE = Packs.engine(String.join(",",
            Packs.rule("chase.checking-in", "CHASE", "\"just checking in\"", ""),
            Packs.rule("close.ready", "CLOSE", "\"ready to sign\"", "\"weight\":1.4"),
            Packs.rule("urgency.today", "URGENCY", "\"sign today\"", "")));

    private static List<String> rules(String words) {
        Detector d = new Detector(ENGINE, new AlertPolicy(Frequency.OFTEN, EnumSet.copyOf(Category.pressure())), MetricsThresholds.research(), true);
        List<Event> out = d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(1.0, words)));
        return out.stream().map(e -> ((Alert) e).rule()).toList();
    }

    @Test
    void twoSeparatePressurePhrasesInOneStretchOfSpeechAreTwoAlerts() {
        assertThat(rules("just checking in are you ready to sign")).containsExactly("chase.checking-in", "close.ready");
    }

    @Test
    void twoPhrasesSharingOneWordAreOneAlertForTheHeavierRule() {
        assertThat(rules("are you ready to sign today")).containsExactly("close.ready");
    }
}
