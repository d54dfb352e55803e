package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

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

    @Test
    void aCallsStoredEventsAreGivenWhenTheDatabaseHoldsAsManyAndTheyAreTheSameEvents() {
        RunningCalls running = new RunningCalls();
        List<Envelope> sent = List.of(started("c1"), alert("c1", 3), alert("c1", 2), new Envelope("c1", 4, 1004, new CallEnded(9, "hangup")));
        sent.forEach(running::stored);
        assertThat(running.take("c1", 4)).containsExactlyElementsOf(sent);
        assertThat(running.size()).as("given once, then forgotten").isZero();
        assertThat(running.take("c1", 4)).isNull();
    }

    @Test
    void whatEachAlertRepeatsIsKeptOncePerCall() {
        RunningCalls running = new RunningCalls();
        running.stored(started("c1"));
        running.stored(alert("c1", 2));
        running.stored(alert("c1", 3));
        List<Envelope> kept = running.take("c1", 3);
        Alert first = (Alert) kept.get(1).data(), second = (Alert) kept.get(2).data();
        assertThat(second.phrase()).isSameAs(first.phrase());
        assertThat(second.rule()).isSameAs(first.rule());
        assertThat(second.reframe()).isSameAs(first.reframe());
        assertThat(kept.get(2).callId()).isSameAs(kept.get(1).callId());
    }

    @Test
    void aCallWhoseDatabaseHoldsMoreThanThisServerStoredIsReadBack() {
        RunningCalls running = new RunningCalls();
        running.stored(started("c1"));
        running.stored(alert("c1", 2));
        // another server on the same database stored seq 3
        assertThat(running.take("c1", 3)).isNull();
        assertThat(running.size()).isZero();
    }

    @Test
    void aCallThisServerDidNotSeeStartIsNotKept() {
        RunningCalls running = new RunningCalls();
        running.stored(alert("taken-over", 7));
        running.stored(alert("taken-over", 8));
        assertThat(running.size()).isZero();
        assertThat(running.take("taken-over", 2)).isNull();
    }

    @Test
    void aCallPastItsBoundIsDroppedForGood() {
        RunningCalls running = new RunningCalls(3, 100);
        running.stored(started("long"));
        for (long seq = 2; seq <= 6; seq++) running.stored(alert("long", seq));
        assertThat(running.size()).isZero();
        assertThat(running.take("long", 6)).isNull();
    }

    @Test
    void pastTheTotalTheCallsThatStartedFirstAreDropped() {
        RunningCalls running = new RunningCalls(100, 5);
        running.stored(started("first"));
        running.stored(alert("first", 2));
        running.stored(started("second"));
        running.stored(alert("second", 2));
        running.stored(started("third"));
        running.stored(alert("third", 2));
        assertThat(running.size()).isLessThanOrEqualTo(5);
        assertThat(running.take("first", 2)).isNull();
        assertThat(running.take("third", 2)).hasSize(2);
        assertThat(running.take("second", 2)).hasSize(2);
    }
}
