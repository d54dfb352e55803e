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
}
