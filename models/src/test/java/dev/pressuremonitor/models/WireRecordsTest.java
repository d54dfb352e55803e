package dev.pressuremonitor.models;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ranges each wire record accepts, inclusive at both ends, and what it says when a value is out of range. */
class WireRecordsTest {
    private static final Reframe REFRAME = new Reframe("never-chase", "Never chase.", "What changed?");

    static MetricsSnapshot metrics(Double talkShare, int pressure) {
        return new MetricsSnapshot(0, talkShare, 0, 0, 0, 0, 0, 0, 0, null, pressure, List.of());
    }

    @Test
    void aWordMayStartAtZeroAndLastNoTime() {
        Word w = new Word("hi", 0, 0, 0);
        assertThat(w.duration()).isZero();
        assertThat(new Word("hi", 1.5, 2.0, 1).duration()).isEqualTo(0.5);
    }

    @Test
    void aWordEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new Word("hi", 2, 1.9, 1)).hasMessage("field 'end' (1.9) is before 'start' (2.0)");
        assertThatThrownBy(() -> new Word("hi", -0.1, 1, 1)).hasMessage("field 'start' must be >= 0, was -0.1");
    }

    @Test
    void aWordsConfidenceIsWithinZeroAndOne() {
        assertThatThrownBy(() -> new Word("hi", 0, 1, 1.01)).hasMessage("field 'conf' must be within 0..1, was 1.01");
        assertThatThrownBy(() -> new Word("hi", 0, 1, -0.01)).hasMessage("field 'conf' must be within 0..1, was -0.01");
        assertThatThrownBy(() -> new Word("hi", 0, Double.NaN, 1)).hasMessage("field 'end' must be a finite number");
    }

    @Test
    void talkShareRunsFromNoneToAllOfTheTalk() {
        assertThat(metrics(0.0, 0).repTalkShare()).isZero();
        assertThat(metrics(1.0, 0).repTalkShare()).isEqualTo(1.0);
        assertThatThrownBy(() -> metrics(1.001, 0)).hasMessage("field 'repTalkShare' must be within 0..1, was 1.001");
        assertThatThrownBy(() -> metrics(-0.001, 0)).hasMessage("field 'repTalkShare' must be within 0..1, was -0.001");
    }

    @Test
    void theGaugeRunsFromZeroToOneHundred() {
        assertThat(metrics(null, 0).pressureIndex()).isZero();
        assertThat(metrics(null, 100).pressureIndex()).isEqualTo(100);
        assertThatThrownBy(() -> metrics(null, 101)).hasMessage("field 'pressureIndex' must be within 0..100, was 101");
        assertThatThrownBy(() -> metrics(null, -1)).hasMessage("field 'pressureIndex' must be within 0..100, was -1");
    }

    @Test
    void aNegativeDurationIsRefusedButZeroIsFine() {
        assertThat(new CallEnded(0, "hangup").duration()).isZero();
        assertThatThrownBy(() -> new MetricsSnapshot(-1, null, 0, 0, 0, 0, 0, 0, 0, null, 0, List.of()))
                .hasMessage("field 'at' must be >= 0, was -1.0");
    }

    @Test
    void aCallMayStartAtTheEpochButNotBefore() {
        assertThat(new CallStarted("ana", "emea", 0, true).startedAt()).isZero();
        assertThatThrownBy(() -> new CallStarted("ana", "emea", -1, true)).hasMessage("field 'startedAt' must be >= 0, was -1");
        assertThatThrownBy(() -> new CallStarted(" ", "emea", 0, true)).hasMessage("field 'rep' must not be blank");
    }

    @Test
    void aTranscriptReadsAsItsWordsSeparatedBySpaces() {
        TranscriptSegment s = new TranscriptSegment(Speaker.REP, true, List.of(new Word("just", 0, 1, 1), new Word("checking", 1, 2, 1)));
        assertThat(s.text()).isEqualTo("just checking");
        assertThat(new TranscriptSegment(Speaker.REP, true, List.of()).text()).isEmpty();
    }

    @Test
    void anAlertCanBeMarkedShownOrSuppressedKeepingEverythingElse() {
        Alert a = new Alert(Category.CHASE, "chase.x", "just checking in", Severity.MEDIUM, Speaker.REP, 1, 2, false, REFRAME);
        assertThat(a.withNudge(true)).isEqualTo(new Alert(Category.CHASE, "chase.x", "just checking in", Severity.MEDIUM, Speaker.REP, 1, 2, true, REFRAME));
    }

    @Test
    void thePressureCategoriesAreTheSixOldMindsetOnesInChartOrder() {
        assertThat(Category.pressure()).containsExactly(Category.PITCH, Category.CLOSE, Category.URGENCY, Category.CHASE, Category.COUNTER, Category.DEFEND);
        assertThat(Category.TRUST.kind()).isEqualTo(Category.Kind.TRUST);
        assertThat(Category.OBJECTION.kind()).isEqualTo(Category.Kind.PROSPECT_SIGNAL);
        assertThat(Category.TRUST.isPressure()).isFalse();
    }

    @Test
    void theResearchThresholdsAreTheOnesTheReadmeQuotes() {
        MetricsThresholds t = MetricsThresholds.research();
        assertThat(t).isEqualTo(new MetricsThresholds(0.65, 0.43, 120, 100, 165, 11, 14));
    }
}
