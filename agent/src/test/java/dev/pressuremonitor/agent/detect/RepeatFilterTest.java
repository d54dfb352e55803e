package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each moment once, however often the recogniser revises the words it was heard in. */
class RepeatFilterTest {
    private static RuleHit hit(String rule, Category category, double start, double end) {
        Rule r = Packs.engine(Packs.rule(rule, category.name(), "\"x\"", "")).pack().rules().get(0);
        return new RuleHit(r, 0, 0, start, end, "x");
    }

    @Test
    void theSameRuleOnWordsARevisionMovedSlightlyIsNotNew() {
        RepeatFilter f = new RepeatFilter();
        assertThat(f.firstTime(hit("close.ready", Category.CLOSE, 4.00, 4.80))).isTrue();
        assertThat(f.firstTime(hit("close.ready", Category.CLOSE, 4.30, 5.10))).isFalse();
    }

    @Test
    void theSameRuleSecondsLaterIsNew() {
        RepeatFilter f = new RepeatFilter();
        assertThat(f.firstTime(hit("close.ready", Category.CLOSE, 4.00, 4.80))).isTrue();
        assertThat(f.firstTime(hit("close.ready", Category.CLOSE, 7.00, 7.80))).isTrue();
    }

    @Test
    void anotherPressureRuleOnWordsAlreadyReportedIsNotNew() {
        RepeatFilter f = new RepeatFilter();
        assertThat(f.firstTime(hit("pitch.let-me", Category.PITCH, 10.0, 11.4))).isTrue();
        assertThat(f.firstTime(hit("pitch.tell-you", Category.PITCH, 10.9, 12.0))).isFalse();
        assertThat(f.firstTime(hit("urgency.today", Category.URGENCY, 11.0, 11.5))).isFalse();
    }

    @Test
    void neighbouringPhrasesThatOnlyTouchAreBothNew() {
        RepeatFilter f = new RepeatFilter();
        assertThat(f.firstTime(hit("chase.checking-in", Category.CHASE, 1.0, 2.05))).isTrue();
        assertThat(f.firstTime(hit("close.ready", Category.CLOSE, 2.0, 2.9))).isTrue();
    }

    @Test
    void aTrustSignalOnTheWordsOfAPressureHitIsStillHeard() {
        RepeatFilter f = new RepeatFilter();
        assertThat(f.firstTime(hit("pitch.let-me", Category.PITCH, 10.0, 11.4))).isTrue();
        assertThat(f.firstTime(hit("trust.fit", Category.TRUST, 10.5, 11.0))).isTrue();
    }

    @Test
    void aRuleIsForgottenTwoMinutesAfterItsMomentSoMemoryStaysSmall() {
        RepeatFilter f = new RepeatFilter();
        assertThat(f.firstTime(hit("close.ready", Category.CLOSE, 4.0, 4.8))).isTrue();
        assertThat(f.firstTime(hit("close.other", Category.CLOSE, 200.0, 200.8))).isTrue();
        assertThat(f.firstTime(hit("close.ready", Category.CLOSE, 4.0, 4.8))).isTrue();
    }

    @Test
    void aTrustSignalStartingWithAPressureHitIsStillHeard() {
        RepeatFilter f = new RepeatFilter();
        assertThat(f.firstTime(hit("pitch.let-me", Category.PITCH, 10.0, 11.4))).isTrue();
        assertThat(f.firstTime(hit("trust.fit", Category.TRUST, 10.2, 11.0))).isTrue();
    }

    @Test
    void phrasesSharingATenthOfASecondAreTheSameWords() {
        RepeatFilter f = new RepeatFilter();
        assertThat(f.firstTime(hit("chase.checking-in", Category.CHASE, 0.0, 0.11))).isTrue();
        assertThat(f.firstTime(hit("close.ready", Category.CLOSE, 0.01, 0.9))).isFalse();
    }
}
