package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server and the agent of a call in progress are both killed (SIGKILL), and only the server comes back: the
 * call its agent will never end is closed by the restarted server as abandoned once it has been silent for
 * --abandon-after, counted from its last stored event.
 */
@Tag("process") // starts pressure-monitor JVMs: left out of mutation testing
class OpenCallAfterServerRestartTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aCallLeftOpenWhenTheServerDiedIsClosedAsAbandonedByTheRestartedServer(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("long.jsonl"), VoskLines.repeating(60, 2.0, "just checking in on the proposal i sent over").toString());
        Path data = dir.resolve("data");

        try (ServerProcess first = ServerProcess.local(dir.resolve("server-1.log"), data);
             ServerProcess agent = ServerProcess.start("agent", "--server", "ws://127.0.0.1:" + first.port(), "--rep", "ana", "--team", "emea",
                     "--input", call.toString(), "--speed", "1", "--outbox", dir.resolve("outbox").toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> calls(first.port()).size() == 1);
            first.kill();
            agent.kill();
        }

        String id;
        try (ServerProcess again = ServerProcess.local(dir.resolve("server-2.log"), data, "--abandon-after", "3s")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> calls(again.port()).get(0).hasNonNull("endedAt"));
            id = calls(again.port()).get(0).get("callId").asText();
        }

        try (CallStore store = CliTest.store(data)) {
            List<Envelope> events = store.events(id);
            Envelope end = events.get(events.size() - 1), last = events.get(events.size() - 2);
            assertThat(end.data()).isInstanceOfSatisfying(CallEnded.class, e -> assertThat(e.reason()).isEqualTo("abandoned"));
            assertThat(end.seq()).isEqualTo(last.seq() + 1);
            assertThat(end.ts() - last.ts()).as("closed no sooner than --abandon-after after its last stored event").isGreaterThanOrEqualTo(3_000);
        }
    }

    static List<JsonNode> calls(int port) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/calls?rep=ana")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<JsonNode> out = new java.util.ArrayList<>();
        Json.readTree(body).forEach(out::add);
        return out;
    }
}
