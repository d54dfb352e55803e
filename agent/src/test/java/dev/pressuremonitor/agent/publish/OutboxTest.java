package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {
    @TempDir
    Path dir;

    static boolean add(Outbox o, String callId, long seq, Event e) {
        Envelope env = new Envelope(callId, seq, 1, e);
        return o.add(env, EventCodec.encode(env));
    }

    static MetricsSnapshot metrics(double at) {
        return new MetricsSnapshot(at, null, 0, 0, 0, 0, 0, 0, 0, null, 0, List.of());
    }

    @Test
    void whatTheServerHasNotConfirmedSurvivesAReopen() throws Exception {
        try (Outbox o = Outbox.open(dir, 100)) {
            add(o, "c1", 1, new CallStarted("ana", "", 1, false));
            add(o, "c1", 2, metrics(5));
            add(o, "c1", 3, metrics(9));
            o.ack("c1", 1);
            o.ack("c1", 3);
            o.flush();
        }
        try (Outbox o = Outbox.open(dir, 100)) {
            assertThat(o.pending()).extracting(Outbox.Item::seq).containsExactly(2L);
            assertThat(o.mark("c1")).isEqualTo(new Outbox.CallMark(3, false, 9));
        }
    }

    @Test
    void aFullyConfirmedCallLeavesNoFilesBehind() throws Exception {
        try (Outbox o = Outbox.open(dir, 100)) {
            add(o, "c1", 1, new CallStarted("ana", "", 1, false));
            add(o, "c1", 2, new CallEnded(3, "hangup"));
            o.ack("c1", 2);
            o.ack("c1", 1);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aCallConfirmedSoFarButNotEndedIsStillUnfinishedAfterACrash() throws Exception {
        try (Outbox o = Outbox.open(dir, 100)) {
            add(o, "c1", 1, new CallStarted("ana", "", 1, false));
            add(o, "c1", 2, metrics(7));
            o.ack("c1", 1);
            o.ack("c1", 2);
            assertThat(o.size()).isZero();
        }
        try (Outbox o = Outbox.open(dir, 100)) {
            assertThat(o.pending()).isEmpty();
            assertThat(o.unfinished()).containsExactly("c1");
            assertThat(o.mark("c1")).isEqualTo(new Outbox.CallMark(2, false, 7));
        }
    }

    @Test
    void waitingEventsAreReadableByTheRepOnly() throws Exception {
        Path box = dir.resolve("outbox");
        try (Outbox o = Outbox.open(box, 100)) {
            add(o, "c1", 1, new CallStarted("ana", "", 1, false));
            o.flush();
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(box))).isEqualTo("rwx------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(box.resolve("c1.events")))).isEqualTo("rw-------");
    }

    @Test
    void aLineCutShortByACrashIsSkipped() throws Exception {
        try (Outbox o = Outbox.open(dir, 100)) {
            add(o, "c1", 1, new CallStarted("ana", "", 1, false));
        }
        Files.writeString(dir.resolve("c1.events"), "{\"type\":\"metr", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("c1.acks"), "1", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        try (Outbox o = Outbox.open(dir, 100)) {
            assertThat(o.pending()).isEmpty();
        }
    }

    @Test
    void aFullOutboxKeepsNothingMoreAndSaysSo() throws Exception {
        try (Outbox o = Outbox.open(dir, 2)) {
            assertThat(add(o, "c1", 1, metrics(1))).isTrue();
            assertThat(add(o, "c1", 2, metrics(2))).isTrue();
            assertThat(add(o, "c1", 3, metrics(3))).isFalse();
            assertThat(o.isFull()).isTrue();
            o.ack("c1", 1);
            assertThat(add(o, "c1", 3, metrics(3))).isTrue();
        }
    }

    /** Files of {@code dir} this process holds open (Linux: /proc/self/fd). */
    static long openFilesIn(Path dir) throws Exception {
        Path real = dir.toRealPath();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(real);
                } catch (Exception gone) {
                    return false; // closed while listed, or the listing's own descriptor
                }
            }).count();
        }
    }

    @Test
    void anEventIsOnDiskOnceFlushedSoACrashThenLosesNothing() throws Exception {
        Outbox running = Outbox.open(dir, 100);
        add(running, "c1", 1, new CallStarted("ana", "", 1, false));
        running.flush();
        // a new run reads the files while the crashed one never closed them
        try (Outbox next = Outbox.open(dir, 100)) {
            assertThat(next.pending()).extracting(Outbox.Item::seq).containsExactly(1L);
        }
        running.close();
    }

    @Test
    void aConfirmationIsOnDiskOnceFlushedSoACrashThenResendsNothingTheServerHas() throws Exception {
        Outbox running = Outbox.open(dir, 100);
        add(running, "c1", 1, new CallStarted("ana", "", 1, false));
        add(running, "c1", 2, metrics(3));
        add(running, "c1", 3, metrics(4));
        running.ack("c1", 1);
        running.flush();
        try (Outbox next = Outbox.open(dir, 100)) {
            assertThat(next.pending()).extracting(Outbox.Item::seq).containsExactly(2L, 3L);
        }
        running.close();
    }

    @Test
    void eventsOfACallMadeAfterARestartJoinThoseTheLastRunLeft() throws Exception {
        try (Outbox o = Outbox.open(dir, 100)) {
            add(o, "c1", 1, new CallStarted("ana", "", 1, false));
        }
        try (Outbox o = Outbox.open(dir, 100)) {
            add(o, "c1", 2, metrics(5));
        }
        try (Outbox o = Outbox.open(dir, 100)) {
            assertThat(o.pending()).extracting(Outbox.Item::seq).containsExactly(1L, 2L);
        }
    }

    @Test
    void aCallThatEndsAfterEverythingBeforeWasConfirmedIsNotClosedAgainAfterACrash() throws Exception {
        Outbox running = Outbox.open(dir, 100);
        add(running, "c1", 1, new CallStarted("ana", "", 1, false));
        running.ack("c1", 1); // all confirmed so far: only a note of how far the call got is kept
        add(running, "c1", 2, new CallEnded(8, "hangup"));
        running.flush();
        try (Outbox next = Outbox.open(dir, 100)) {
            assertThat(next.pending()).extracting(Outbox.Item::seq).containsExactly(2L);
            assertThat(next.unfinished()).isEmpty();
            assertThat(next.mark("c1")).isEqualTo(new Outbox.CallMark(2, true, 8));
        }
        running.close();
    }

    @Test
    void aNoteOfHowFarACallGotKeepsItsLatestMomentWhenLaterEventsWait() throws Exception {
        Outbox running = Outbox.open(dir, 100);
        add(running, "c1", 1, new CallStarted("ana", "", 1, false));
        add(running, "c1", 2, metrics(30));
        running.ack("c1", 1);
        running.ack("c1", 2);
        add(running, "c1", 3, metrics(12)); // an event that mentions an earlier moment than the note
        running.flush();
        try (Outbox next = Outbox.open(dir, 100)) {
            assertThat(next.unfinished()).containsExactly("c1");
            assertThat(next.mark("c1")).isEqualTo(new Outbox.CallMark(3, false, 30));
        }
        running.close();
    }

    @Test
    void withoutADirectoryEventsWaitInMemory() throws Exception {
        try (Outbox o = Outbox.open(null, 100)) {
            assertThat(add(o, "c1", 1, new CallStarted("ana", "", 1, false))).isTrue();
            assertThat(o.pending()).extracting(Outbox.Item::seq).containsExactly(1L);
        }
    }

    @Test
    void anAgentTakingCallAfterCallDoesNotKeepAFileOpenForEachFinishedOne() throws Exception {
        try (Outbox o = Outbox.open(dir, 100)) {
            for (int call = 0; call < 20; call++) {
                String id = "c" + call;
                add(o, id, 1, new CallStarted("ana", "", 1, false));
                add(o, id, 2, metrics(5));
                add(o, id, 3, call % 2 == 0 ? new CallEnded(6, "hangup") : metrics(6)); // half end, half only pause
                o.ack(id, 1);
                o.ack(id, 2);
                o.ack(id, 3);
            }
            assertThat(openFilesIn(dir)).isZero();
        }
    }

    @Test
    void aClosedOutboxHoldsNoFileOpen() throws Exception {
        Outbox o = Outbox.open(dir, 100);
        add(o, "c1", 1, new CallStarted("ana", "", 1, false));
        add(o, "c1", 2, metrics(5));
        o.ack("c1", 1);
        assertThat(openFilesIn(dir)).isEqualTo(2);
        o.close();
        assertThat(openFilesIn(dir)).isZero();
    }
}
