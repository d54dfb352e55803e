package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallRow;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.server.calls.CallFilter;
import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Another process holds the server's SQLite write lock (longer than the server waits for it) exactly while an
 * agent process ends its call: every batch in that window fails to store. The agent must get "retry", not a
 * final refusal, and the call must end up stored whole.
 */
@Tag("process") // starts pressure-monitor JVMs: left out of mutation testing
class LockedDatabaseTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aCallEndedWhileAnotherProcessHoldsTheWriteLockIsStoredWhole(@TempDir Path dir) throws Exception {
        VoskLines lines = new VoskLines();
        for (int i = 0; i < 12; i++) lines.say("rep", i * 5.0, i % 2 == 0 ? "are you ready to sign today" : "what made you look at this now");
        Path call = Files.writeString(dir.resolve("call.jsonl"), lines.toString());
                Path data = dir.resolve("data");
        Path serverLog = dir.resolve("server.log");
        try (ServerProcess server = ServerProcess.local(serverLog, data)) {
            int port = server.port();
            Path db = data.resolve("pressure-monitor.db");
            Path lockLog = dir.resolve("lock.log");
            Process lock = ServerProcess.java(lockLog, HoldSqliteLock.class, db.toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(lockLog) && Files.readString(lockLog).contains("locked"));

            Path agentLog = dir.resolve("agent.log");
            Path outbox = dir.resolve("outbox");
            Process agent = ServerProcess.java(agentLog, PressureMonitor.class, "agent", "--server", "ws://127.0.0.1:" + port,
                    "--rep", "ana", "--team", "emea", "--input", call.toString(), "--speed", "0", "--outbox", outbox.toString());
            // the agent has ended its call and sent call_ended; two more failed batches later the server has
            // certainly failed to store something after call_ended arrived: only then does the lock go
            await().atMost(Duration.ofSeconds(60)).until(() -> outboxHolds(outbox, "\"call_ended\""));
            long failedBefore = failures(serverLog);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(failures(serverLog)).as(Files.readString(serverLog))
                    .isGreaterThanOrEqualTo(failedBefore + 2));
            lock.getOutputStream().write('\n');
            lock.getOutputStream().flush();
            assertThat(agent.waitFor(90, TimeUnit.SECONDS)).as("the agent finishes").isTrue();
            assertThat(lock.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(agentLog);
            assertThat(agent.exitValue()).as(out + "\nserver:\n" + Files.readString(serverLog)).isZero();
            assertThat(out).contains("report: http://127.0.0.1:" + port + "/calls/");

            try (CallStore store = CallStore.open("jdbc:sqlite:" + db)) {
                List<CallRow> calls = store.list(new CallFilter("ana", null, null, null, 10));
                assertThat(calls).hasSize(1);
                List<Envelope> events = store.events(calls.get(0).callId());
                assertThat(events).extracting(Envelope::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
                assertThat(events.get(events.size() - 1).data()).isInstanceOf(CallEnded.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> store.summary(calls.get(0).callId()).orElseThrow().ended());
            }
        }
    }

    static long failures(Path serverLog) throws java.io.IOException {
        return Files.readAllLines(serverLog).stream().filter(l -> l.contains("could not store")).count();
    }

    static boolean outboxHolds(Path outbox, String text) throws java.io.IOException {
        if (!Files.isDirectory(outbox)) return false;
        try (java.util.stream.Stream<Path> files = Files.list(outbox)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".events")).toList()) {
                if (Files.readString(f).contains(text)) return true;
            }
        }
        return false;
    }
}
