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

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An agent process killed mid-call, with the server away, closes that call cleanly when it runs again. */
@Tag("process") // starts pressure-monitor JVMs: left out of mutation testing
class AgentRestartTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theNextRunDeliversWhatWasWaitingAndClosesTheAbandonedCall(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("long.jsonl"), VoskLines.repeating(60, 4.0, "just checking in on the proposal i sent over").toString());
        Path tiny = Files.writeString(dir.resolve("tiny.jsonl"), new VoskLines().say("rep", 1, "thanks for the time").toString());
        Path outbox = dir.resolve("outbox");
        // hold a port without answering, so nothing else can take it before the server does
        ServerSocket holder = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        int port = holder.getLocalPort();

        // nothing listens yet: every event waits in the outbox; kill the agent halfway through the call
        ServerProcess agent = ServerProcess.start("agent", "--server", "ws://127.0.0.1:" + port, "--rep", "ana", "--team", "emea",
                "--input", call.toString(), "--speed", "20", "--outbox", outbox.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> eventLines(outbox) >= 40);
        agent.kill();
        long waiting = eventLines(outbox);

        holder.close();
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(port).withDb("jdbc:sqlite:" + dir.resolve("calls.db")))) {
            ServerProcess again = ServerProcess.start("agent", "--server", "ws://127.0.0.1:" + port, "--rep", "ana", "--team", "emea",
                    "--input", tiny.toString(), "--speed", "0", "--outbox", outbox.toString());
            assertThat(again.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(again.process.exitValue()).isZero();

            List<CallRow> calls = server.store().list(new CallFilter("ana", null, null, null, 10));
            assertThat(calls).hasSize(2);
            String abandoned = calls.stream().map(CallRow::callId).filter(id -> {
                try {
                    return server.store().events(id).size() > 5;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).findFirst().orElseThrow();
            List<Envelope> events = server.store().events(abandoned);
            assertThat(events).extracting(Envelope::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, waiting + 1).boxed().toList());
            assertThat(events.get(events.size() - 1).data()).isInstanceOf(CallEnded.class);
            assertThat(((CallEnded) events.get(events.size() - 1).data()).reason()).isEqualTo("agent-restarted");
            try (Stream<Path> left = Files.list(outbox)) {
                assertThat(left.toList()).as("a delivered outbox is empty").isEmpty();
            }
        }
    }

    static long eventLines(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) return 0;
        try (Stream<Path> files = Files.list(outbox)) {
            long n = 0;
            for (Path f : files.filter(p -> p.toString().endsWith(".events")).toList()) {
                try (Stream<String> l = Files.lines(f)) {
                    n += l.filter(s -> s.endsWith("}")).count();
                }
            }
            return n;
        }
    }
}
