package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the outbox remembers about each call, which a restarted agent uses to close an abandoned call well. */
class OutboxBookkeepingTest {
    @TempDir
    Path dir;

    private static void add(Outbox o, String callId, long seq, Event e) {
        Envelope env = new Envelope(callId, seq, 1, e);
        o.add(env, EventCodec.encode(env));
    }

    private static Alert alertEndingAt(double end) {
        return new Alert(Category.CHASE, "chase.x", "just checking in", Severity.MEDIUM, Speaker.REP, end - 1, end, true,
                new Reframe("never-chase", "Never chase.", "What changed?"));
    }

    @Test
    void aCallsMarkIsItsHighestSeqAndLatestMomentAndWhetherItEnded() {
        Outbox o = Outbox.inMemory(100);
        add(o, "c1", 1, new CallStarted("ana", "", 1, false));
        add(o, "c1", 3, alertEndingAt(42.5));
        add(o, "c1", 2, alertEndingAt(12));
        assertThat(o.mark("c1")).isEqualTo(new Outbox.CallMark(3, false, 42.5));
        add(o, "c1", 4, new CallEnded(40, "hangup"));
        assertThat(o.mark("c1")).isEqualTo(new Outbox.CallMark(4, true, 42.5));
        assertThat(o.mark("unknown")).isEqualTo(new Outbox.CallMark(0, false, 0));
    }

    @Test
    void theSameEventAddedTwiceWaitsOnce() {
        Outbox o = Outbox.inMemory(100);
        Envelope e = new Envelope("c1", 1, 1, new CallStarted("ana", "", 1, false));
        assertThat(o.add(e, EventCodec.encode(e))).isTrue();
        assertThat(o.add(e, EventCodec.encode(e))).as("kept already, so not reported as lost").isTrue();
        assertThat(o.size()).isEqualTo(1);
        assertThat(o.isFull()).isFalse();
    }

    @Test
    void waitingEventsComeOldestCallFirstEachInSeqOrder() {
        Outbox o = Outbox.inMemory(100);
        add(o, "b", 2, new CallEnded(1, "x"));
        add(o, "b", 1, new CallStarted("ana", "", 1, false));
        add(o, "a", 1, new CallStarted("ana", "", 1, false));
        assertThat(o.pending()).extracting(i -> i.callId() + "#" + i.seq()).containsExactly("b#1", "b#2", "a#1");
        assertThat(o.calls()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void anAckForSomethingNotWaitingChangesNothing() {
        Outbox o = Outbox.inMemory(100);
        add(o, "c1", 1, new CallStarted("ana", "", 1, false));
        o.ack("c1", 7);
        o.ack("other", 1);
        assertThat(o.size()).isEqualTo(1);
    }

    @Test
    void aCallWhoseEventsWereAllConfirmedBeforeACrashIsClearedOnTheNextRun() throws Exception {
        try (Outbox o = Outbox.open(dir, 100)) {
            add(o, "c1", 1, new CallStarted("ana", "", 1, false));
            add(o, "c1", 2, new CallEnded(3, "hangup"));
            o.ack("c1", 1);
            o.flush();
        }
        Files.writeString(dir.resolve("c1.acks"), "2\n", java.nio.file.StandardOpenOption.APPEND);
        try (Outbox o = Outbox.open(dir, 100)) {
            assertThat(o.pending()).isEmpty();
            assertThat(o.calls()).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aRestartKnowsHowFarAnUnfinishedCallGot() throws Exception {
        try (Outbox o = Outbox.open(dir, 100)) {
            add(o, "c1", 1, new CallStarted("ana", "", 1, false));
            add(o, "c1", 2, alertEndingAt(30));
            o.flush();
        }
        try (Outbox o = Outbox.open(dir, 100)) {
            assertThat(o.calls()).containsExactly("c1");
            assertThat(o.size()).isEqualTo(2);
            assertThat(o.mark("c1")).isEqualTo(new Outbox.CallMark(2, false, 30));
        }
    }
}
