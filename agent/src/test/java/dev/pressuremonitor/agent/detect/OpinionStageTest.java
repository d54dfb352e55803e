package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The learned second opinion as the chain's last stage, driven by a scripted opinion. */
class OpinionStageTest {
    private static final RuleEngine ENGINE = Packs.engine(String.join(",",
            Packs.rule("chase.checking-in", "CHASE", "\"just checking in\"", ""),
            Packs.rule("close.sign", "CLOSE", "\"sign today\"", "")));

    /** Says CLOSE about any rep text containing "shake", and remembers what it was asked. */
    static final class Scripted implements SecondOpinion {
        final boolean live;
        final List<String> asked = new ArrayList<>();
        final List<String> contexts = new ArrayList<>();

        Scripted(boolean live) {
            this.live = live;
        }

        @Override
        public Optional<Verdict> judge(String repText, String prospectContext) {
            asked.add(repText);
            contexts.add(prospectContext);
            return repText.contains("shake") ? Optional.of(new Verdict(Category.CLOSE, 0.9)) : Optional.empty();
        }

        @Override
        public boolean live() {
            return live;
        }
    }

    private static Detector detector(SecondOpinion opinion) {
        return new Detector(ENGINE, new AlertPolicy(Frequency.OFTEN, EnumSet.copyOf(Category.pressure())), MetricsThresholds.research(), true, opinion);
    }

    private static List<Alert> alerts(List<Event> events) {
        return events.stream().filter(e -> e instanceof Alert).map(e -> (Alert) e).toList();
    }

    @Test
    void aSettledRepUtteranceTheRulesMissGetsTheOpinionsCategoryAndTheCategorysReframe() {
        List<Alert> out = alerts(detector(new Scripted(true)).accept(new TranscriptSegment(Speaker.REP, true, Words.at(30, "so can we shake on it tonight"))));
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.category()).isEqualTo(Category.CLOSE);
            assertThat(a.rule()).isEqualTo("learned.close");
            assertThat(a.phrase()).isEqualTo("so can we shake on it tonight");
            assertThat(a.start()).isEqualTo(30.0);
            assertThat(a.nudge()).isTrue();
            assertThat(a.reframe()).isEqualTo(ENGINE.pack().rules().get(1).reframe());
        });
    }

    @Test
    void isNotAskedWhileWordsAreStillChanging() {
        Scripted opinion = new Scripted(true);
        detector(opinion).accept(new TranscriptSegment(Speaker.REP, false, Words.at(30, "so can we shake")));
        assertThat(opinion.asked).isEmpty();
    }

    @Test
    void isNotAskedWhenTheRulesAlreadyHeardPressure() {
        Scripted opinion = new Scripted(true);
        List<Alert> out = alerts(detector(opinion).accept(new TranscriptSegment(Speaker.REP, true, Words.at(30, "can we shake and sign today"))));
        assertThat(opinion.asked).isEmpty();
        assertThat(out).extracting(Alert::rule).containsExactly("close.sign");
    }

    @Test
    void isNotAskedAboutTheProspectsWordsButHearsThemAsContext() {
        Scripted opinion = new Scripted(true);
        Detector d = detector(opinion);
        d.accept(new TranscriptSegment(Speaker.PROSPECT, true, Words.at(20, "we are happy with what we have")));
        d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(22, "okay but shake on it")));
        assertThat(opinion.asked).containsExactly("okay but shake on it");
        assertThat(opinion.contexts).containsExactly("we are happy with what we have");
    }

    @Test
    void isAskedAboutWhatTheRulesReadWithoutHesitationsRestartsOrPassingYouKnows() {
        Scripted opinion = new Scripted(true);
        Detector d = detector(opinion);
        d.accept(new TranscriptSegment(Speaker.PROSPECT, true, Words.at(20, "um we we are happy with what we have")));
        List<Alert> out = alerts(d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(22, "uh so so can we you know shake on it"))));
        assertThat(opinion.asked).containsExactly("so can we shake on it");
        assertThat(opinion.contexts).containsExactly("we are happy with what we have");
        assertThat(out).singleElement().satisfies(a -> assertThat(a.start()).as("from the first word read").isEqualTo(22.3));
    }

    @Test
    void aProspectTurnLongAgoIsNotTheContext() {
        Scripted opinion = new Scripted(true);
        Detector d = detector(opinion);
        d.accept(new TranscriptSegment(Speaker.PROSPECT, true, Words.at(20, "we are happy with what we have")));
        d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(23 + OpinionStage.CONTEXT_SECONDS, "anyway shake on it")));
        assertThat(opinion.contexts).containsExactly((String) null);
    }

    @Test
    void aRepeatedFinalIsJudgedOnce() {
        Scripted opinion = new Scripted(true);
        Detector d = detector(opinion);
        TranscriptSegment s = new TranscriptSegment(Speaker.REP, true, Words.at(30, "so can we shake on it"));
        List<Alert> first = alerts(d.accept(s));
        List<Alert> again = alerts(d.accept(s));
        assertThat(first).hasSize(1);
        assertThat(again).isEmpty();
    }

    @Test
    void anOpinionNotTrustedLiveMarksAPossibleMomentWithoutNudgingOrMovingTheGauge() {
        Detector d = detector(new Scripted(false));
        List<Alert> out = alerts(d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(30, "so can we shake on it"))));
        assertThat(out).singleElement().satisfies(a -> assertThat(a.nudge()).isFalse());
        assertThat(d.snapshot().pressureIndex()).isZero();
    }

    @Test
    void aLiveVerdictMovesTheGauge() {
        Detector d = detector(new Scripted(true));
        d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(30, "so can we shake on it")));
        assertThat(d.snapshot().pressureIndex()).isPositive();
    }

    @Test
    void longUtterancesAreQuotedShort() {
        List<Alert> out = alerts(detector(new Scripted(true)).accept(new TranscriptSegment(Speaker.REP, true,
                Words.at(30, "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen shake"))));
        assertThat(out.get(0).phrase()).isEqualTo("one two three four five six seven eight nine ten eleven twelve thirteen fourteen ...");
    }

    private static String closeRule(String id, double weight, String shift) {
        return "{\"id\":\"" + id + "\",\"category\":\"CLOSE\",\"patterns\":[\"sign today\"],\"weight\":" + weight
                + ",\"reframe\":{\"shift\":\"" + shift + "\",\"ask\":\"?\"}}";
    }

    private static String learnedShift(String... rules) {
        Detector d = new Detector(Packs.engine(String.join(",", rules)), new AlertPolicy(Frequency.OFTEN, EnumSet.copyOf(Category.pressure())),
                MetricsThresholds.research(), true, new Scripted(true));
        return alerts(d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(30, "so can we shake on it")))).get(0).reframe().shift();
    }

    @Test
    void aVerdictOffersTheReframeOfItsCategorysHeaviestRuleTheFirstAmongEquals() {
        assertThat(learnedShift(closeRule("close.heavy", 2, "find-fit"), closeRule("close.light", 0.5, "never-chase"))).isEqualTo("find-fit");
        assertThat(learnedShift(closeRule("close.first", 1, "find-fit"), closeRule("close.second", 1, "never-chase"))).isEqualTo("find-fit");
    }

    @Test
    void aProspectTurnThatEndedFifteenSecondsAgoIsStillTheContext() {
        Scripted opinion = new Scripted(true);
        Detector d = detector(opinion);
        d.accept(new TranscriptSegment(Speaker.PROSPECT, true, Words.at(20, 0.5, "we are happy")));     // ends 21.4
        d.accept(new TranscriptSegment(Speaker.REP, true, Words.at(36.4, "anyway shake on it")));
        assertThat(opinion.contexts).containsExactly("we are happy");
    }

    /** Hears CLOSE at {@code sureness} in a text with "shake" only when the text is short: a long turn dilutes it. */
    private record Diluted(double sureness, List<String> asked) implements SecondOpinion {
        Diluted(double sureness) {
            this(sureness, new ArrayList<>());
        }

        @Override
        public Optional<Verdict> judge(String repText, String prospectContext) {
            asked.add(repText);
            boolean heard = repText.contains("shake") && repText.split(" ").length <= OpinionWindows.MAX_WORDS;
            return heard ? Optional.of(new Verdict(Category.CLOSE, sureness)) : Optional.empty();
        }

        @Override
        public boolean live() {
            return true;
        }
    }

    private static final String NEUTRAL = "we looked at the loading bay last week and the team liked the layout a lot.";
    private static final String LONG_TURN = NEUTRAL + " " + NEUTRAL + " so can we shake on it tonight? " + NEUTRAL;

    @Test
    void aPressingSentenceInsideALongTurnIsHeardAndQuotedFromTheSentencesItWasHeardIn() {
        Diluted opinion = new Diluted(0.9);
        List<Alert> out = alerts(detector(opinion).accept(new TranscriptSegment(Speaker.REP, true, Words.at(30, LONG_TURN))));
        assertThat(opinion.asked()).hasSize(2).doesNotContain(LONG_TURN); // two windows, not the whole turn
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("learned.close");
            // two neutral sentences (32 words) fill the first window; the question opens the second
            assertThat(a.phrase()).startsWith("so can we shake on it tonight? we looked");
            assertThat(a.start()).isEqualTo(30 + 32 * 0.3, org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    @Test
    void aWindowsVerdictLessSureThanTheFloorIsNotHeard() {
        Diluted opinion = new Diluted(OpinionStage.WINDOW_FLOOR - 0.01);
        assertThat(alerts(detector(opinion).accept(new TranscriptSegment(Speaker.REP, true, Words.at(30, LONG_TURN))))).isEmpty();
        assertThat(opinion.asked()).hasSizeGreaterThan(1);
        // the same sureness about a short turn is the opinion's own call
        assertThat(alerts(detector(new Diluted(OpinionStage.WINDOW_FLOOR - 0.01)).accept(
                new TranscriptSegment(Speaker.REP, true, Words.at(30, "so can we shake on it tonight?"))))).hasSize(1);
    }
}
