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
            Packs.rule("urgency.today", "URGENCY", "\"sign today\"", ""),
            Packs.rule("pitch.let-me", "PITCH", "\"before we start let me\"", ""),
            Packs.rule("pitch.tell-you", "PITCH", "\"let me tell you\"", "\"weight\":1.4")));

    /** A detector that nudges every pressure category as often as it may, as the rep's channel of a call. */
    private static Detector detector(RuleEngine engine) {
        return new Detector(engine, new AlertPolicy(Frequency.OFTEN, EnumSet.copyOf(Category.pressure())), MetricsThresholds.research(), true);
    }

    /** The rules of the alerts one settled stretch of the rep's words gives. */
    private static List<String> rules(RuleEngine engine, String words) {
        List<Event> out = detector(engine).accept(new TranscriptSegment(Speaker.REP, true, Words.at(1.0, words)));
        return out.stream().map(e -> ((Alert) e).rule()).toList();
    }

    private static List<String> rules(String words) {
        return rules(ENGINE, words);
    }

    @Test
    void twoSeparatePressurePhrasesInOneStretchOfSpeechAreTwoAlerts() {
        assertThat(rules("just checking in are you ready to sign")).containsExactly("chase.checking-in", "close.ready");
    }

    @Test
    void twoPhrasesSharingOneWordAreOneAlertForTheHeavierRule() {
        assertThat(rules("are you ready to sign today")).containsExactly("close.ready");
    }

    @Test
    void aPhraseThatGrowsIntoAnotherRulesPhraseWhileSpokenIsOneAlert() {
        Detector d = detector(ENGINE);
        List<Event> partial = d.accept(new TranscriptSegment(Speaker.REP, false, Words.at(10.0, "before we start let me")));
        List<Event> settled = d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(10.0, "before we start let me tell you about us")));
        assertThat(partial).extracting(e -> ((Alert) e).rule()).containsExactly("pitch.let-me");
        assertThat(settled).isEmpty();
    }

    @Test
    void theSamePhraseSaidAgainLaterInTheStretchIsASecondAlert() {
        Detector d = detector(ENGINE);
        d.accept(new TranscriptSegment(Speaker.REP, false, Words.at(10.0, "let me tell you")));
        List<Event> settled = d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(10.0, "let me tell you and let me tell you again")));
        assertThat(settled).extracting(e -> ((Alert) e).start()).containsExactly(11.5);
    }

    @Test
    void aLighterPhraseEndingOnTheHeaviersFirstWordIsOneAlert() {
        RuleEngine engine = Packs.engine(String.join(",",
                Packs.rule("urgency.ready", "URGENCY", "\"are you ready\"", ""),
                Packs.rule("close.ready", "CLOSE", "\"ready to sign\"", "\"weight\":1.4")));
        assertThat(rules(engine, "are you ready to sign")).containsExactly("close.ready");
    }

    @Test
    void aLighterPhraseStartingOnTheHeaviersLastWordIsOneAlert() {
        RuleEngine engine = Packs.engine(String.join(",",
                Packs.rule("close.ready", "CLOSE", "\"are you ready\"", "\"weight\":1.4"),
                Packs.rule("urgency.ready", "URGENCY", "\"ready to sign\"", "")));
        assertThat(rules(engine, "are you ready to sign")).containsExactly("close.ready");
    }
}
