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

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server's disk fills up during a call and frees up again: the server says "disk full" (log, /healthz,
 * metrics), stores nothing twice, and once space returns stores the rest by itself, without a restart.
 * Runs on a real 16 MB tmpfs, so it needs root (as CI has); elsewhere it is skipped.
 */
@Tag("process") // starts pressure-monitor JVMs: left out of mutation testing
class FullDiskTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aServerWhoseDiskFilledUpRecoversByItselfOnceSpaceReturns(@TempDir Path dir) throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString()) == 0,
                "needs root to mount a small tmpfs (mount -t tmpfs)");
        try {
            VoskLines lines = new VoskLines();
            for (int i = 0; i < 20; i++) lines.say("rep", i * 5.0, i % 2 == 0 ? "are you ready to sign today" : "what made you look at this now");
            Path call = Files.writeString(dir.resolve("call.jsonl"), lines.toString());
                        Path serverLog = dir.resolve("server.log");
            try (ServerProcess server = ServerProcess.local(serverLog, disk.resolve("data"))) {
                int port = server.port();
                Path filler = fill(disk.resolve("filler"));

                Path agentLog = dir.resolve("agent.log");
                Process agent = ServerProcess.java(agentLog, PressureMonitor.class, "agent", "--server", "ws://127.0.0.1:" + port,
                        "--rep", "ana", "--team", "emea", "--input", call.toString(), "--speed", "0", "--outbox", dir.resolve("outbox").toString());
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Files.readString(serverLog)).contains("disk full"));
                assertThat(get(port, "/healthz")).contains("\"store\":\"disk full");
                assertThat(get(port, "/metrics")).containsPattern("pm_store_write_failures_total\\{reason=\"disk-full\"} [1-9]");

                Files.delete(filler);
                assertThat(agent.waitFor(90, TimeUnit.SECONDS)).as("the agent finishes").isTrue();
                String out = Files.readString(agentLog);
                assertThat(agent.exitValue()).as(out + "\nserver:\n" + Files.readString(serverLog)).isZero();
                assertThat(get(port, "/healthz")).contains("\"store\":\"ok\"");

                try (CallStore store = CliTest.store(disk.resolve("data"))) {
                    List<CallRow> calls = store.list(new CallFilter("ana", null, null, null, 10));
                    assertThat(calls).hasSize(1);
                    List<Envelope> events = store.events(calls.get(0).callId());
                    assertThat(events).extracting(Envelope::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
                    assertThat(events.get(events.size() - 1).data()).isInstanceOf(CallEnded.class);
                    await().atMost(Duration.ofSeconds(30)).until(() -> store.summary(calls.get(0).callId()).orElseThrow().ended());
                }
                assertThat(Files.readString(serverLog)).doesNotContain("cannot rollback");
            }
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    /** Writes {@code file} until the file system has no room left. */
    static Path fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) out.write(block);
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
        }
        return file;
    }

    static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
