package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.call.LiveCall;
import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.agent.publish.AgentAddress;
import dev.pressuremonitor.agent.publish.AgentClient;
import dev.pressuremonitor.agent.publish.Outbox;
import dev.pressuremonitor.agent.transcript.RecordedCall;
import dev.pressuremonitor.agent.transcript.Replayer;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Several servers, one team: HAProxy with the repo's deploy/haproxy.cfg in front of two server processes that share
 * one PostgreSQL. A rep's agent plays the demo call through the proxy, its overlay watches through the proxy, and
 * the server the rep was sent to is killed (SIGKILL) halfway through the call. The other server takes the call
 * over: the stored call and its summary are those of an undisturbed run, and the overlay reconnects and sees every
 * nudge. Real processes, loopback only, bounded in time.
 */
@Tag("process") // starts pressure-monitor JVMs and HAProxy: left out of mutation testing
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeveralServersTest {
    static final String PG = System.getenv("PM_TEST_POSTGRES_URL");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Path dir;
    CallStore store;
    final List<ServerProcess> servers = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();
    Process haproxy;
    int proxyPort;
    OverlayWatcher overlay;
    String rep, team, agentToken, viewerToken;
    String calmId, faultyId;
    int killed = -1;
    final List<Integer> connectionsBeforeKill = new ArrayList<>();

    @BeforeAll
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aCallWhoseServerDiesHalfwayThrough() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean havePg = PG != null && !PG.isBlank();
        boolean haveHaproxy = haproxyBinary() != null;
        String needs = "needs PostgreSQL (PM_TEST_POSTGRES_URL; source .ci/postgres.sh start) and HAProxy (apt-get install haproxy): .ci/run sets up both";
        if (ci && !(havePg && haveHaproxy)) throw new IllegalStateException("CI=true, so this test cannot skip: " + needs);
        assumeTrue(havePg && haveHaproxy, needs);

        dir = Files.createTempDirectory("pm-several-");
        store = CallStore.open(PG); // applies the schema before either server starts
        String run = UUID.randomUUID().toString().substring(0, 8);
        rep = "rep-" + run;
        team = "team-" + run;
        agentToken = store.createToken(Principal.Kind.AGENT, rep, team);
        viewerToken = store.createToken(Principal.Kind.VIEWER, rep, team);
        startServers(2);
        startHaproxy();
        RecordedCall demo = RecordedCall.read(repoRoot().resolve("seeds/calls/demo.jsonl"));
        calmId = play(demo, 0, "calm", n -> { });

        overlay = new OverlayWatcher(URI.create("ws://127.0.0.1:" + proxyPort + "/ws/overlay?rep=" + rep + "&team=" + team + "&token=" + viewerToken));
        await().atMost(Duration.ofSeconds(20)).until(() -> overlay.opened.get() == 1);
        int half = demo.items().size() / 2;
        faultyId = play(demo, 24, "faulty", n -> {
            if (n != half) return;
            for (int port : ports) connectionsBeforeKill.add(connections(port));
            killed = connectionsBeforeKill.get(0) > 0 ? 0 : 1;
            servers.get(killed).kill();
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> overlay.seen.stream()
                .anyMatch(e -> e.callId().equals(faultyId) && e.data() instanceof CallEnded));
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (overlay != null) overlay.close();
        if (haproxy != null) {
            haproxy.destroyForcibly();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
        for (ServerProcess s : servers) s.close();
        if (store != null) store.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aRepsAgentAndOverlayAreSentToOneServer() {
        assertThat(connectionsBeforeKill).as("agents and overlays per server when one was killed").hasSize(2)
                .containsExactlyInAnyOrder(0, 2);
    }

    @Test
    void theStoredCallHoldsEveryEventOnceLikeAnUndisturbedRun() throws Exception {
        List<Envelope> stored = store.events(faultyId);
        List<Envelope> expected = store.events(calmId);
        assertThat(stored).extracting(Envelope::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, expected.size()).boxed().toList());
        assertThat(stored).extracting(Envelope::data).containsExactlyElementsOf(expected.stream().map(Envelope::data).toList());
        assertThat(stored.get(stored.size() - 1).data()).isInstanceOf(CallEnded.class);
    }

    @Test
    void theSummaryIsThatOfAnUndisturbedRun() throws Exception {
        assertThat(normalised(store.summarize(faultyId))).isEqualTo(normalised(store.summarize(calmId)));
    }

    @Test
    void theOverlayReconnectsThroughTheProxyAndSeesEveryNudge() throws Exception {
        List<Long> nudges = store.events(faultyId).stream().filter(e -> e.data() instanceof Alert a && a.nudge()).map(Envelope::seq).toList();
        assertThat(nudges).as("the demo call nudges on both sides of the kill").hasSizeGreaterThan(4);
        assertThat(overlay.opened.get()).as("connections the overlay opened").isGreaterThanOrEqualTo(2);
        assertThat(overlay.seen.stream().filter(e -> e.callId().equals(faultyId) && e.data() instanceof Alert a && a.nudge())
                .map(Envelope::seq).distinct().sorted().toList()).containsExactlyElementsOf(nudges);
    }

    /** Plays the recorded call through the proxy ({@code speed} 0: as fast as it goes), calling {@code at} after each segment. */
    String play(RecordedCall call, double speed, String name, SegmentHook at) throws Exception {
        Detector detector = new Detector(DeliveryFaultTest.ENGINE, AlertPolicy.defaults(), MetricsThresholds.research(), true);
        AtomicLong clock = new AtomicLong(1_764_320_000_000L); // the same clock in both runs: the same events
        URI address = AgentAddress.of(URI.create("ws://127.0.0.1:" + proxyPort), rep, team);
        try (AgentClient client = new AgentClient(address, Outbox.open(dir.resolve(name + "-outbox"), 10_000), agentToken, m -> { })) {
            LiveCall live = new LiveCall(name + "-" + UUID.randomUUID(), rep, team, detector, true, false, client, clock::incrementAndGet);
            AtomicInteger n = new AtomicInteger();
            Exception[] failed = {null};
            new Replayer(speed).play(call, segment -> {
                live.accept(segment);
                try {
                    at.after(n.incrementAndGet());
                } catch (Exception e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) throw failed[0];
            live.end("hangup");
            assertThat(client.awaitDelivered(Duration.ofSeconds(60))).as("every event of the " + name + " call confirmed").isTrue();
            return live.callId();
        }
    }

    interface SegmentHook {
        void after(int segments) throws Exception;
    }

    /** Starts {@code n} servers on the shared database at once, each on a port of its own choosing. */
    void startServers(int n) throws Exception {
        List<java.util.concurrent.CompletableFuture<ServerProcess>> starting = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path log = dir.resolve("server-" + i + ".log");
            starting.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return ServerProcess.start(log, "server", "--host", "127.0.0.1", "--port", "0", "--db", PG);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (var s : starting) {
            ServerProcess server = s.get(120, TimeUnit.SECONDS);
            servers.add(server);
            // "server: http://127.0.0.1:PORT/  (agents: ...)"
            ports.add(Integer.parseInt(server.firstLine.replaceFirst("^server: http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1")));
        }
    }

    /** HAProxy on a free port; another program may take that port first, so up to three tries. */
    void startHaproxy() throws Exception {
        Path cfg = repoRoot().resolve("deploy/haproxy.cfg");
        for (int attempt = 0; attempt < 3; attempt++) {
            proxyPort = freePort();
            ProcessBuilder pb = new ProcessBuilder(haproxyBinary(), "-db", "-f", cfg.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy-" + attempt + ".log").toFile());
            pb.environment().put("PM_LISTEN", "127.0.0.1:" + proxyPort);
            pb.environment().put("PM_SERVER_1", "127.0.0.1:" + ports.get(0));
            pb.environment().put("PM_SERVER_2", "127.0.0.1:" + ports.get(1));
            haproxy = pb.start();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> !haproxy.isAlive() || status("http://127.0.0.1:" + proxyPort + "/healthz") == 200);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new IllegalStateException("HAProxy did not answer: " + Files.readString(dir.resolve("haproxy-" + attempt + ".log")), e);
            }
            if (haproxy.isAlive()) return;
        }
        throw new IllegalStateException("HAProxy would not start: " + Files.readString(dir.resolve("haproxy-2.log")));
    }

    /** Agents and overlays connected to a server, from its own /healthz (not through the proxy). */
    static int connections(int port) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var health = Json.readTree(body);
        return health.get("agents").asInt() + health.get("overlays").asInt();
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    static dev.pressuremonitor.models.CallSummary normalised(dev.pressuremonitor.models.CallSummary s) {
        return DeliveryFaultTest.normalised(s);
    }

    static String haproxyBinary() {
        for (String p : List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy")) {
            if (Files.isExecutable(Path.of(p))) return p;
        }
        return null;
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("deploy/haproxy.cfg"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find deploy/haproxy.cfg above " + Path.of("").toAbsolutePath());
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
