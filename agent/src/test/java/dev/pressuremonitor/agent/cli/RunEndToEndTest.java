package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole live path over real sockets: run (server + agent) → overlay WebSocket client. */
class RunEndToEndTest {
    static final String CALL = new VoskLines()
            .say("rep", 1.0, "hi ana thanks for the time")
            .say("rep", 5.0, "just checking in on the proposal i sent")
            .say("prospect", 40.0, "we are happy with our current vendor")
            .say("rep", 43.0, "i hear you but they cannot do what we do")
            .say("rep", 110.0, "so are you ready to sign today")
            .say("prospect", 115.0, "not yet")
            .toString();

    /** Collects what a command prints and hands over the overlay URL as soon as it is printed. */
    static final class Console extends Writer {
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<String> overlayUrl = new CompletableFuture<>();
        private static final Pattern URL = Pattern.compile("overlay: (http://\\S+)\\n");

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            Matcher m = URL.matcher(text);
            if (m.find()) overlayUrl.complete(m.group(1));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    static final class Collector implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("overlay got a message that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        List<JsonNode> ofType(String type) {
            return messages.stream().filter(m -> m.get("type").asText().equals(type)).toList();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theOverlayReceivesTheCallsNudgesInOrderWithReframesAndLiveMetrics(@TempDir Path dir) throws Exception {
        Path call = dir.resolve("call.jsonl");
        Files.writeString(call, CALL);
        Console out = new Console();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread run = new Thread(() -> exit.set(PressureMonitor.run(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(new StringWriter()), "run", "--port", "0", "--input", call.toString(), "--speed", "100",
                "--rep", "ana", "--wait-for-overlay", "--exit-when-done", "--data", dir.resolve("data").toString())));
        run.start();

        String url = out.overlayUrl.get(20, TimeUnit.SECONDS);
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/\\?rep=ana&token=pm_[A-Za-z0-9_-]+");
        Collector overlay = new Collector();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url.replace("http://", "ws://").replace("/?", "/ws/overlay?")), overlay)
                .get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> !overlay.ofType("call_ended").isEmpty());
        run.join(10_000);
        assertThat(exit.get()).isZero();

        List<JsonNode> alerts = overlay.ofType("alert");
        assertThat(alerts).extracting(a -> a.get("data").get("category").asText()).containsExactly("CHASE", "COUNTER", "CLOSE");
        assertThat(alerts).extracting(a -> a.get("data").get("phrase").asText())
                .containsExactly("just checking in", "i hear you but", "so are you ready to sign");
        assertThat(alerts).extracting(a -> a.get("data").get("reframe").get("trust").asText()).containsExactly(
                "Never chase; get to the truth about fit.",
                "Validate the objection and reopen the conversation.",
                "The goal is to find out whether there is a fit.");
        assertThat(alerts).allMatch(a -> a.get("data").get("nudge").asBoolean());
        assertThat(overlay.messages.get(0).get("type").asText()).isEqualTo("call_started");
        List<JsonNode> metrics = overlay.ofType("metrics");
        assertThat(metrics).isNotEmpty();
        JsonNode last = metrics.get(metrics.size() - 1).get("data");
        // rep 1.75 + 2.35 + 2.95 + 2.05 s of talk, prospect 2.05 + 0.55 s (words 0.25 s long, 0.3 s apart, joined)
        assertThat(last.get("repTalkShare").asDouble()).isCloseTo(9.1 / 11.7, org.assertj.core.data.Offset.offset(0.001));
        // the overlay's last gauge reading is the detector's reading at the call's end, nothing lost on the way
        assertThat(last.get("pressureIndex").asInt()).isPositive().isEqualTo(gaugeAtTheEnd());
        // the terminal coaches too, and points at the report once the call is stored
        assertThat(out.text.toString()).contains("CHASE   \"just checking in\"");
        assertThat(out.text.toString()).containsPattern("report: http://127\\.0\\.0\\.1:\\d+/calls/[0-9a-f-]{36}");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRuleTheTeamTurnedOffInItsDatabaseNeverNudgesTheRepsCall(@TempDir Path dir) throws Exception {
        Path call = dir.resolve("call.jsonl");
        Files.writeString(call, CALL);
        Path data = Files.createDirectories(dir.resolve("data"));
        String db = "jdbc:sqlite:" + data.resolve("pressure-monitor.db");
        try (var store = dev.pressuremonitor.server.calls.CallStore.open(db)) {
            store.teamSettings().setRule("emea", "chase.checking-in", "off", "their-manager", System.currentTimeMillis());
        }
        StringWriter err = new StringWriter();
        int exit = PressureMonitor.run(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()), new PrintWriter(err),
                "run", "--port", "0", "--input", call.toString(), "--speed", "0", "--rep", "ana", "--team", "emea",
                "--exit-when-done", "--data", data.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("team 'emea' rule settings:").contains("chase.checking-in");
        try (var store = dev.pressuremonitor.server.calls.CallStore.open(db)) {
            String id = store.list(new dev.pressuremonitor.server.calls.CallFilter("ana", "emea", null, null, 1)).get(0).callId();
            List<dev.pressuremonitor.models.Alert> alerts = store.events(id, dev.pressuremonitor.models.EventType.ALERT).stream()
                    .map(e -> (dev.pressuremonitor.models.Alert) e.data()).toList();
            // recorded as ever, but no nudge for the rule turned off; the other rules nudge as usual
            assertThat(alerts).extracting(dev.pressuremonitor.models.Alert::rule).contains("chase.checking-in");
            assertThat(alerts).filteredOn(a -> a.rule().equals("chase.checking-in")).noneMatch(dev.pressuremonitor.models.Alert::nudge);
            assertThat(alerts).filteredOn(a -> !a.rule().equals("chase.checking-in")).isNotEmpty().allMatch(dev.pressuremonitor.models.Alert::nudge);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTeamsRefittedModelPushedToItsDatabaseIsTheModelItsRepsRunUses(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), new VoskLines()
                .say("prospect", 0.0, "that sounds fine let us go with the starter plan")
                .say("rep", 3.5, TrainWithFeedbackTest.WELCOME_PACK)
                .say("prospect", 10.5, "great thank you").toString());
        Path data = Files.createDirectories(dir.resolve("data"));
        String db = "jdbc:sqlite:" + data.resolve("pressure-monitor.db");
        String sha;
        try (var store = dev.pressuremonitor.server.calls.CallStore.open(db)) {
            sha = store.teamSettings().pushModel("emea", quietTeamModel("emea"), System.currentTimeMillis()).sha256();
        }

        StringWriter apac = new StringWriter(), emea = new StringWriter();
        assertThat(runCall(call, data, "apac", apac)).as(apac.toString()).isZero();
        assertThat(runCall(call, data, "emea", emea)).as(emea.toString()).isZero();

        // a team without a model of its own gets the shipped one, which hears a close in the welcome pack
        assertThat(apac.toString()).contains("team 'apac' has no refitted model in this database: using the shipped learned model");
        assertThat(learnedRules(db, "apac")).containsExactly("learned.close");
        // the team whose refit never speaks gets it, says so, and is not nudged there
        assertThat(emea.toString()).contains("using team 'emea''s refitted learned model " + sha.substring(0, 12));
        assertThat(learnedRules(db, "emea")).isEmpty();
    }

    private static int runCall(Path call, Path data, String team, StringWriter err) {
        return PressureMonitor.run(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()), new PrintWriter(err),
                "run", "--port", "0", "--input", call.toString(), "--speed", "0", "--rep", "ana", "--team", team,
                "--exit-when-done", "--data", data.toString());
    }

    /** The rules of the learned opinion's alerts in the team's stored call. */
    private static List<String> learnedRules(String db, String team) throws Exception {
        try (var store = dev.pressuremonitor.server.calls.CallStore.open(db)) {
            String id = store.list(new dev.pressuremonitor.server.calls.CallFilter("ana", team, null, null, 1)).get(0).callId();
            return store.events(id, dev.pressuremonitor.models.EventType.ALERT).stream()
                    .map(e -> ((dev.pressuremonitor.models.Alert) e.data()).rule()).filter(r -> r.startsWith("learned.")).toList();
        }
    }

    /** The shipped head refitted for a team with no confident category left: it never speaks. */
    private static byte[] quietTeamModel(String team) throws Exception {
        var shipped = dev.pressuremonitor.agent.detect.learned.LearnedModel.shipped();
        var quiet = new dev.pressuremonitor.agent.detect.learned.LearnedModel(shipped.head(), shipped.hashSlots(), shipped.hashWeight(),
                java.util.Map.of(), true);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var body = new java.io.ByteArrayOutputStream();
        quiet.write(body, mapper.createObjectNode());
        String encoder;
        try (var e = dev.pressuremonitor.agent.detect.learned.SentenceEncoder.load()) {
            encoder = e.id();
        }
        return dev.pressuremonitor.models.TeamModelFile.write(team, java.time.Instant.parse("2026-11-30T06:00:00Z"), encoder, true,
                mapper.readTree("{\"ours\":{\"ok\":true}}"), mapper.readTree(body.toByteArray()));
    }

    /** The same call through a detector in this test, with the defaults 'run' uses. */
    private static int gaugeAtTheEnd() throws Exception {
        var recorded = dev.pressuremonitor.agent.transcript.RecordedCall.read("call",
                new ByteArrayInputStream(CALL.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var detector = new dev.pressuremonitor.agent.detect.Detector(
                new dev.pressuremonitor.agent.detect.RuleEngine(new dev.pressuremonitor.agent.detect.RulePackLoader(
                        dev.pressuremonitor.models.MindsetChart.standard()).loadDefault()),
                dev.pressuremonitor.agent.detect.AlertPolicy.defaults(), dev.pressuremonitor.models.MetricsThresholds.research(), true);
        for (var item : recorded.items()) detector.accept(item.segment());
        return detector.snapshot().pressureIndex();
    }
}
