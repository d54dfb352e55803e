package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.call.LiveCall;
import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.agent.publish.AgentClient;
import dev.pressuremonitor.agent.publish.Outbox;
import dev.pressuremonitor.agent.transcript.RecordedCall;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery without loss: the server process is killed (SIGKILL) three times in the middle of a call and started
 * again; the stored call must hold every event exactly once and summarise exactly like an undisturbed run.
 */
@Tag("process") // starts pressure-monitor JVMs: left out of mutation testing
class DeliveryFaultTest {
    static final RuleEngine ENGINE = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());

    static RecordedCall call() throws Exception {
        VoskLines lines = new VoskLines();
        String[] rep = {"thanks for the time today", "let me tell you about our platform", "just checking in on the proposal",
                "what made you look at this now", "are you ready to sign today", "this offer expires on friday",
                "it pays for itself in three months", "tell me more about that"};
        String[] prospect = {"sure go ahead", "we are happy with our current vendor", "it seems too expensive", "okay"};
        for (int i = 0; i < 40; i++) {
            lines.say("rep", i * 6.0, rep[i % rep.length]);
            lines.say("prospect", i * 6.0 + 3.5, prospect[i % prospect.length]);
        }
        return RecordedCall.read("fault-call", new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A server on a port it picks itself (nothing can take it between choosing and binding). */
    static ServerProcess server(Path data) throws Exception {
        return server(0, data);
    }

    /** A server restarted on the port its predecessor used. */
    static ServerProcess server(int port, Path data) throws Exception {
        return ServerProcess.start("server", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data", data.toString(), "--no-auth");
    }

    /** Plays the call into a server, calling {@code between} after every tenth segment; returns the call id. */
    static String play(RecordedCall call, AgentClient client, FaultHook between) throws Exception {
        Detector d = new Detector(ENGINE, AlertPolicy.defaults(), MetricsThresholds.research(), true);
        AtomicLong clock = new AtomicLong(1_764_320_000_000L);
        LiveCall live = new LiveCall("fault-" + System.nanoTime(), "ana", "emea", d, true, false, client, clock::incrementAndGet);
        int n = 0;
        for (RecordedCall.Item item : call.items()) {
            live.accept(item.segment());
            if (++n % 10 == 0) between.at(n);
        }
        live.end("hangup");
        assertThat(client.awaitDelivered(Duration.ofSeconds(60))).isTrue();
        return live.callId();
    }

    interface FaultHook {
        void at(int segments) throws Exception;
    }

    static CallSummary normalised(CallSummary s) {
        com.fasterxml.jackson.databind.node.ObjectNode n = Json.mapper().valueToTree(s);
        n.put("callId", "x").put("startedAt", 0).putNull("endedAt");
        return Json.mapper().convertValue(n, CallSummary.class);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aServerKilledThreeTimesMidCallLosesNothingAndCountsNothingTwice(@TempDir Path dir) throws Exception {
        RecordedCall recorded = call();

        // the undisturbed run
        Path calmData = dir.resolve("calm");
        String calmId;
        try (ServerProcess calm = server(calmData);
             AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + calm.port()), Outbox.open(dir.resolve("calm-outbox"), 10_000), null, m -> { })) {
            calmId = play(recorded, client, n -> { });
        }

        // the same call with three hard kills, the server down while events keep coming
        Path data = dir.resolve("faulty");
        ServerProcess[] current = {server(data)};
        int port = current[0].port();
        String faultyId;
        try (AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + port), Outbox.open(dir.resolve("outbox"), 10_000), null, m -> { })) {
            faultyId = play(recorded, client, n -> {
                if (n == 20 || n == 40 || n == 60) current[0].kill();
                if (n == 30 || n == 50 || n == 70) current[0] = server(port, data);
            });
        } finally {
            current[0].close();
        }

        try (CallStore calm = CallStore.open("jdbc:sqlite:" + calmData.resolve("pressure-monitor.db"));
             CallStore faulty = CallStore.open("jdbc:sqlite:" + data.resolve("pressure-monitor.db"))) {
            List<Envelope> stored = faulty.events(faultyId);
            List<Envelope> expected = calm.events(calmId);
            assertThat(stored).extracting(Envelope::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, expected.size()).boxed().toList());
            assertThat(stored).extracting(Envelope::data).containsExactlyElementsOf(expected.stream().map(Envelope::data)
                    .map(e -> e instanceof dev.pressuremonitor.models.CallStarted ? stored.get(0).data() : e).toList());
            assertThat(stored.get(stored.size() - 1).data()).isInstanceOf(CallEnded.class);
            assertThat(normalised(faulty.summarize(faultyId))).isEqualTo(normalised(calm.summarize(calmId)));
        }
    }
}
