package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.TrustSignal;
import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorTest {

    private static final RuleEngine ENGINE = Packs.engine(String.join(",",
            Packs.rule("chase.checking-in", "CHASE", "\"just checking in\"", ""),
            Packs.rule("counter.yes-but", "COUNTER", "\"i hear you but\"", "\"negatable\":false,\"context\":{\"after\":[\"OBJECTION\"],\"within\":20}"),
            Packs.rule("pitch.opening", "PITCH", "\"let me tell you about\"", "\"context\":{\"phase\":\"opening\"}"),
            Packs.rule("trust.tell-me", "TRUST", "\"tell me more\"", ""),
            Packs.rule("obj.happy", "OBJECTION", "\"happy with\"", "")));

    private static Detector detector() {
        return new Detector(ENGINE, new AlertPolicy(Frequency.OFTEN, EnumSet.copyOf(Category.pressure())), MetricsThresholds.research(), true);
    }

    private static TranscriptSegment partial(Speaker s, List<Word> w) {
        return new TranscriptSegment(s, false, w);
    }

    private static TranscriptSegment fin(Speaker s, List<Word> w) {
        return new TranscriptSegment(s, true, w);
    }

    @Test
    void detectsChasingWhenRepSaysJustCheckingIn() {
        List<Event> out = detector().accept(fin(Speaker.REP, Words.at(10.0, "just checking in on the proposal")));
        assertThat(out).hasSize(1);
        Alert a = (Alert) out.get(0);
        assertThat(a.category()).isEqualTo(Category.CHASE);
        assertThat(a.rule()).isEqualTo("chase.checking-in");
        assertThat(a.phrase()).isEqualTo("just checking in");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.start()).isEqualTo(10.0);
        assertThat(a.end()).isEqualTo(10.84);
        assertThat(a.nudge()).isTrue();
        assertThat(a.reframe().shift()).isEqualTo("find-fit");
    }

    @Test
    void alertsOnceWhenVoskRevisesThePartialAndThenFinalisesIt() {
        Detector d = detector();
        List<Event> all = new ArrayList<>();
        all.addAll(d.accept(partial(Speaker.REP, Words.at(5.0, "just checking"))));
        all.addAll(d.accept(partial(Speaker.REP, Words.at(5.0, "just checking in"))));
        // the revision moves the words by a few tens of milliseconds
        all.addAll(d.accept(partial(Speaker.REP, Words.at(5.04, "just checking in to"))));
        all.addAll(d.accept(fin(Speaker.REP, Words.at(5.02, "just checking in to see"))));
        assertThat(all).hasSize(1);
        assertThat(((Alert) all.get(0)).start()).isEqualTo(5.0);
    }

    @Test
    void alertsAgainWhenTheSamePhraseIsSaidAgainLater() {
        Detector d = detector();
        assertThat(d.accept(fin(Speaker.REP, Words.at(5.0, "just checking in")))).hasSize(1);
        assertThat(d.accept(fin(Speaker.REP, Words.at(40.0, "just checking in again")))).hasSize(1);
    }

    private static final RuleEngine ECHO = Packs.engine(String.join(",",
            Packs.rule("defend.includes", "DEFEND", "\"that price includes\"", "\"negatable\":false,\"context\":{\"after\":[\"VALUE_CHALLENGE\"],\"within\":60}"),
            Packs.rule("echo.pricey", "VALUE_CHALLENGE", "\"seems pricey\"", "\"context\":{\"speaker\":\"REP\"}")));

    private static Detector echoDetector() {
        return new Detector(ECHO, new AlertPolicy(Frequency.OFTEN, EnumSet.copyOf(Category.pressure())), MetricsThresholds.research(), false);
    }

    @Test
    void theRepRestatingAPriceChallengeOpensTheDefenceWindowForWhatFollowsWithoutTheProspectsWords() {
        List<Event> out = echoDetector().accept(fin(Speaker.REP, Words.at(3.0, "i know it seems pricey but that price includes setup")));
        assertThat(out).extracting(e -> ((Alert) e).rule()).containsExactly("defend.includes");
    }

    @Test
    void aRestatementAfterTheDefenceDoesNotReachBackToIt() {
        assertThat(echoDetector().accept(fin(Speaker.REP, Words.at(3.0, "that price includes setup even if it seems pricey")))).isEmpty();
        assertThat(echoDetector().accept(fin(Speaker.REP, Words.at(3.0, "that price includes setup and training")))).isEmpty();
    }

    @Test
    void aRestatementIsNoObjectionOfTheProspectsForTheMetrics() {
        Detector d = echoDetector();
        d.accept(fin(Speaker.REP, Words.at(3.0, "i know it seems pricey")));
        assertThat(d.figures().lastObjectionPause()).isNull();
    }

    @Test
    void countersOnlyRightAfterAProspectObjection() {
        Detector d = detector();
        assertThat(d.accept(fin(Speaker.REP, Words.at(1.0, "i hear you but it's great")))).isEmpty();
        d.accept(fin(Speaker.PROSPECT, Words.at(10.0, "we are happy with our vendor")));
        List<Event> out = d.accept(fin(Speaker.REP, Words.at(12.0, "i hear you but it's great")));
        assertThat(out).extracting(e -> ((Alert) e).category()).containsExactly(Category.COUNTER);
        assertThat(d.accept(fin(Speaker.REP, Words.at(60.0, "i hear you but really")))).as("objection is 50 s old").isEmpty();
    }

    @Test
    void openingRulesStayQuietAfterTheOpening() {
        Detector d = detector();
        assertThat(d.accept(fin(Speaker.REP, Words.at(20.0, "let me tell you about us")))).hasSize(1);
        assertThat(d.accept(fin(Speaker.REP, Words.at(300.0, "let me tell you about us")))).isEmpty();
    }

    @Test
    void reportsTrustSignals() {
        List<Event> out = detector().accept(fin(Speaker.REP, Words.at(3.0, "tell me more about that")));
        assertThat(out).containsExactly(new TrustSignal("trust.tell-me", "tell me more", 3.0, 3.84));
    }

    @Test
    void pressureRaisesTheGaugeAndItFadesWithTime() {
        Detector d = detector();
        d.accept(fin(Speaker.REP, Words.at(1.0, "just checking in")));
        int right = d.snapshot(2.0).pressureIndex();
        int later = d.snapshot(400.0).pressureIndex();
        assertThat(right).as("one MEDIUM alert a second ago").isEqualTo(28);
        assertThat(later).as("after 399 s, four and a half half-lives").isEqualTo(2);
    }

    @Test
    void measuresTheRepsPauseAfterAnObjection() {
        Detector d = detector();
        d.accept(fin(Speaker.PROSPECT, Words.at(10.0, 0.5, "we are happy with it")));
        d.accept(fin(Speaker.REP, Words.at(13.7, "okay that makes sense")));
        assertThat(d.snapshot(15).lastObjectionPause()).isCloseTo(1.3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anObjectionSentTwiceGivesOnePause() {
        Detector d = detector();
        List<Word> objection = Words.at(10.0, 0.5, "we are happy with it");
        d.accept(fin(Speaker.PROSPECT, objection));
        d.accept(fin(Speaker.PROSPECT, objection));
        d.accept(fin(Speaker.REP, Words.at(13.7, "okay that makes sense")));
        assertThat(d.figures().objectionPauses()).hasSize(1);
    }

    @Test
    void aWeakRuleWaitsForTheFinalResultSoAStrongerReadingWins() {
        RuleEngine engine = Packs.engine(String.join(",",
                Packs.rule("counter.reassure", "COUNTER", "\"honestly it is\"", "\"severity\":\"LOW\",\"weight\":0.7,\"negatable\":false"),
                Packs.rule("defend.worth", "DEFEND", "\"it is worth every penny\"", "\"weight\":1.1")));
        Detector d = new Detector(engine, AlertPolicy.defaults(), MetricsThresholds.research(), true);
        assertThat(d.accept(partial(Speaker.REP, Words.at(1.0, "honestly it's worth")))).isEmpty();
        List<Event> settled = d.accept(fin(Speaker.REP, Words.at(1.0, "honestly it's worth every penny")));
        assertThat(settled).extracting(e -> ((Alert) e).rule()).containsExactly("defend.worth");
    }
}
