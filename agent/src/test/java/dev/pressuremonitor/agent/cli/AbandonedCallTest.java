package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallRow;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.calls.CallFilter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent process killed (SIGKILL) mid-call while the server had confirmed everything, so nothing waits in its
 * outbox: the next run still closes that call, and three such crashes do not lock the rep out of a fourth call.
 */
@Tag("process") // starts pressure-monitor JVMs: left out of mutation testing
class AbandonedCallTest {

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void callsOfAgentsKilledWithAnEmptyOutboxAreClosedByTheNextRun(@TempDir Path dir) throws Exception {
        Path longCall = Files.writeString(dir.resolve("long.jsonl"), VoskLines.repeating(60, 2.0, "just checking in on the proposal i sent over").toString());
        Path tiny = Files.writeString(dir.resolve("tiny.jsonl"), new VoskLines().say("rep", 1, "thanks for the time").toString());
        Path outbox = dir.resolve("outbox");
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0).withDb("jdbc:sqlite:" + dir.resolve("calls.db")))) {
            String ws = "ws://127.0.0.1:" + server.port();
            Set<String> abandoned = new HashSet<>();
            for (int run = 0; run < 3; run++) {
                ServerProcess agent = ServerProcess.start("agent", "--server", ws, "--rep", "ana", "--team", "emea",
                        "--input", longCall.toString(), "--speed", "1", "--outbox", outbox.toString());
                // the server has the new call's first events and the agent waits for nothing: kill it there
                await().atMost(Duration.ofSeconds(60)).until(() -> newCallWithEvents(server, abandoned) != null && nothingWaits(outbox));
                agent.kill();
                abandoned.add(newCallWithEvents(server, abandoned));
            }

            Path log = dir.resolve("agent.log");
            Process again = ServerProcess.java(log, PressureMonitor.class, "agent", "--server", ws, "--rep", "ana", "--team", "emea",
                    "--input", tiny.toString(), "--speed", "0", "--outbox", outbox.toString());
            assertThat(again.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(log);
            assertThat(again.exitValue()).as(out).isZero();
            assertThat(out).contains("report: ");

            assertThat(abandoned).hasSize(3);
            for (String id : abandoned) {
                List<Envelope> events = server.store().events(id);
                assertThat(events.get(events.size() - 1).data()).as(id).isEqualTo(
                        new CallEnded(((CallEnded) events.get(events.size() - 1).data()).duration(), "agent-restarted"));
                await().atMost(Duration.ofSeconds(10)).until(() -> server.store().summary(id).orElseThrow().ended());
            }
            try (Stream<Path> left = Files.list(outbox)) {
                assertThat(left.toList()).as("nothing is left to close").isEmpty();
            }
        }
    }

    static String newCallWithEvents(PressureServer server, Set<String> known) throws Exception {
        for (CallRow c : server.store().list(new CallFilter("ana", null, null, null, 10))) {
            if (!known.contains(c.callId()) && server.store().events(c.callId()).size() >= 3) return c.callId();
        }
        return null;
    }

    static boolean nothingWaits(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) return false;
        try (Stream<Path> files = Files.list(outbox)) {
            return files.noneMatch(p -> p.toString().endsWith(".events"));
        }
    }
}
