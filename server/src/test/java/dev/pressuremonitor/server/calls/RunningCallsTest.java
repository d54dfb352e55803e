package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a call's summary at its end is built from when it need not read the call back from the database. */
class RunningCallsTest {
    static Envelope started(String call) {
        return new Envelope(call, 1, 1000, new CallStarted("ana", "emea", 1000, true));
    }

    /** A new String and Reframe for each alert, as decoding each frame makes them. */
    static Envelope alert(String call, long seq) {
        Reframe r = new Reframe(new String("never-chase"), new String("Get to the truth."), new String("What changed?"));
        return new Envelope(new String(call), seq, 1000 + seq,
                new Alert(Category.CHASE, new String("chase.x"), new String("just checking in"), Severity.MEDIUM, Speaker.REP, seq, seq + 1, true, r));
    }

    /** A transcript frame of {@code words} words, as an agent with --keep-transcript sends them. */
    static Envelope transcript(String call, long seq, int words) {
        List<Word> w = new ArrayList<>();
        for (int i = 0; i < words; i++) w.add(new Word("word" + i, i, i + 0.5, 0.9));
        return new Envelope(call, seq, 1000 + seq, new TranscriptSegment(Speaker.REP, true, w));
    }

    @Test
    void aCallsStoredEventsAreGivenWhenTheDatabaseHoldsAsManyAndTheyAreTheSameEvents() {
        RunningCalls running = new RunningCalls();
        List<Envelope> sent = List.of(started("c1"), alert("c1", 3), alert("c1", 2), new Envelope("c1", 4, 1004, new CallEnded(9, "hangup")));
        sent.forEach(running::stored);
        assertThat(running.takeIfAll("c1", 4)).as("the same events; a summary orders them by seq itself").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(running.calls()).as("given once, then forgotten").isZero();
        assertThat(running.bytes()).isZero();
        assertThat(running.takeIfAll("c1", 4)).isNull();
    }

    @Test
    void whatEachAlertRepeatsIsKeptOncePerCall() {
        RunningCalls running = new RunningCalls();
        running.stored(started("c1"));
        running.stored(alert("c1", 2));
        running.stored(alert("c1", 3));
        List<Envelope> kept = running.takeIfAll("c1", 3);
        Alert first = (Alert) kept.get(1).data(), second = (Alert) kept.get(2).data();
        assertThat(second.phrase()).isSameAs(first.phrase());
        assertThat(second.rule()).isSameAs(first.rule());
        assertThat(second.reframe()).isSameAs(first.reframe());
        assertThat(kept.get(2).callId()).isSameAs(kept.get(1).callId());
    }

    @Test
    void aTranscriptIsCountedAsStoredButNotKeptForNoSummaryReadsIt() {
        RunningCalls running = new RunningCalls();
        running.stored(started("c1"));
        for (long seq = 2; seq < 1_002; seq++) running.stored(transcript("c1", seq, 500));
        running.stored(alert("c1", 1_002));
        assertThat(running.bytes()).as("a thousand 500-word frames held nothing").isLessThan(2_000);
        assertThat(running.takeIfAll("c1", 1_002)).extracting(Envelope::seq).containsExactly(1L, 1_002L);
    }

    @Test
    void aCallWhoseDatabaseHoldsMoreThanThisServerStoredIsReadBack() {
        RunningCalls running = new RunningCalls();
        running.stored(started("c1"));
        running.stored(alert("c1", 2));
        // another server on the same database stored seq 3
        assertThat(running.takeIfAll("c1", 3)).isNull();
        assertThat(running.calls()).isZero();
    }

    @Test
    void aCallThisServerDidNotSeeStartIsNotKept() {
        RunningCalls running = new RunningCalls();
        running.stored(alert("taken-over", 7));
        running.stored(alert("taken-over", 8));
        assertThat(running.calls()).isZero();
        assertThat(running.takeIfAll("taken-over", 2)).isNull();
    }

    @Test
    void aCallPastItsBoundIsDroppedForGood() {
        RunningCalls running = new RunningCalls(5 * RunningCalls.EVENT_BYTES, 1_000_000);
        running.stored(started("long"));
        for (long seq = 2; seq <= 20; seq++) running.stored(alert("long", seq));
        assertThat(running.calls()).isZero();
        assertThat(running.bytes()).isZero();
        assertThat(running.takeIfAll("long", 20)).isNull();
    }

    @Test
    void pastTheTotalTheCallsThatStartedFirstAreDropped() {
        RunningCalls running = new RunningCalls(1_000_000, 3_000);
        for (String call : List.of("first", "second", "third", "fourth")) {
            running.stored(started(call));
            running.stored(alert(call, 2));
        }
        assertThat(running.bytes()).isLessThanOrEqualTo(3_000);
        assertThat(running.takeIfAll("first", 2)).isNull();
        assertThat(running.takeIfAll("fourth", 2)).hasSize(2);
    }

    @Test
    void theEstimateIsNeverBelowWhatAStringHolds() {
        // a compact String: 16 bytes of header and fields, and its array (16 + one byte a Latin-1 character)
        assertThat(RunningCalls.estimate("just checking in")).isGreaterThanOrEqualTo(32 + "just checking in".length());
        assertThat(RunningCalls.estimate(List.of("a", "b"))).isGreaterThan(2 * RunningCalls.estimate("a"));
    }
}
