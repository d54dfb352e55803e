package dev.pressuremonitor.server.access;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile frames and requests against a running team server while another rep's call is in progress: each is
 * refused with a clear reason, the victim's call goes on, and nothing stored changes.
 */
class HostileInputTest {
    static PressureServer server;
    static Clients.Socket victim;
    static String attackerToken;
    static long victimSeq = 1;

    @BeforeAll
    static void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true));
        String victimToken = server.store().createToken(Principal.Kind.AGENT, "ana", "emea");
        attackerToken = server.store().createToken(Principal.Kind.AGENT, "mallory", "emea");
        victim = Clients.connect(server.port(), "/ws/agent", victimToken, null);
        assertThat(victim.send(EventCodec.encode(new Envelope("victim-call", victimSeq, 1, new CallStarted("ana", "emea", 1, true)))).isAck()).isTrue();
        Clients.Socket attacker = Clients.connect(server.port(), "/ws/agent", attackerToken, null);
        assertThat(attacker.send(EventCodec.encode(new Envelope("mallory-call", 1, 1, new CallStarted("mallory", "emea", 1, true)))).isAck()).isTrue();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static String env(String callId, String seq, String type, String data) {
        return "{\"type\":\"" + type + "\",\"callId\":\"" + callId + "\",\"seq\":" + seq + ",\"ts\":1,\"data\":" + data + "}";
    }

    /** An alert at 1e308 s: a real alert's JSON with its start pushed out (no valid record can hold it). */
    static String farAlert() {
        String json = EventCodec.encode(new Envelope("mallory-call", 3, 1, new dev.pressuremonitor.models.Alert(
                dev.pressuremonitor.models.Category.CHASE, "chase.rule", "just checking in", dev.pressuremonitor.models.Severity.MEDIUM,
                dev.pressuremonitor.models.Speaker.REP, 1.5, 2.5, true,
                new dev.pressuremonitor.models.Reframe("find-fit", "Find out whether there is a fit.", "What would you need to see?"))));
        assertThat(json).contains("\"start\":1.5");
        return json.replace("\"start\":1.5", "\"start\":1e308");
    }

    static Stream<Arguments> hostileFrames() {
        return Stream.of(
                Arguments.of("invalid JSON", "{\"type\": \"alert\", \"callId\": ", "bad event: malformed JSON"),
                Arguments.of("deep nesting", "{\"type\":\"metrics\",\"callId\":\"x\",\"seq\":1,\"ts\":1,\"data\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "nesting depth"),
                Arguments.of("huge number", env("mallory-call", "123456789012345678901234567890", "call_ended", "{\"duration\":1,\"reason\":\"x\"}"), "field 'seq' must be a whole number"),
                Arguments.of("huge float", env("mallory-call", "2", "call_ended", "{\"duration\":1e999,\"reason\":\"x\"}"), "duration"),
                Arguments.of("wrong type", env("mallory-call", "2", "call_ended", "{\"duration\":\"long\",\"reason\":\"x\"}"), "call_ended.data: field 'duration'"),
                Arguments.of("negative seq", env("mallory-call", "-5", "call_ended", "{\"duration\":1,\"reason\":\"x\"}"), "field 'seq' must be >= 1"),
                Arguments.of("reused seq", env("mallory-call", "1", "call_ended", "{\"duration\":1,\"reason\":\"x\"}"), "was already used for a different event"),
                Arguments.of("another rep's call", env("victim-call", "99", "call_ended", "{\"duration\":1,\"reason\":\"x\"}"), "belongs to another rep"),
                Arguments.of("another rep's call id, restarted", env("victim-call", "1", "call_started", "{\"rep\":\"mallory\",\"team\":\"emea\",\"startedAt\":1,\"prospectChannel\":true}"), "belongs to another rep"),
                Arguments.of("path traversal in id", env("../../etc/passwd", "1", "call_ended", "{\"duration\":1,\"reason\":\"x\"}"), "field 'callId' may hold only"),
                Arguments.of("unknown type", env("mallory-call", "3", "sudo", "{}"), "unknown event type 'sudo'"),
                Arguments.of("extra field", env("mallory-call", "3", "call_ended", "{\"duration\":1,\"reason\":\"x\",\"admin\":true}"), "unknown field 'admin'"),
                Arguments.of("not an object", "[1,2,3]", "expected a JSON object"),
                Arguments.of("alert a lifetime into the call", farAlert(), "field 'start' must be at most 86400"),
                Arguments.of("call that never started", env("ghost", "1", "call_ended", "{\"duration\":1,\"reason\":\"x\"}"), "send call_started first"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFrames")
    void isRefusedWithAClearReasonAndTheVictimsCallGoesOn(String name, String frame, String reason) throws Exception {
        int storedBefore = server.store().events("victim-call").size();
        Clients.Socket attacker = Clients.connect(server.port(), "/ws/agent", attackerToken, null);
        AgentReply r = attacker.send(frame);
        assertThat(r.isAck()).as(name).isFalse();
        assertThat(r.message()).as(name).contains(reason);
        victimSeq++;
        assertThat(victim.send(EventCodec.encode(new Envelope("victim-call", victimSeq, 1,
                new MetricsSnapshot(victimSeq, 0.5, 0, 0, 0, 0, 0, 0, 0, null, 10, List.of())))).isAck()).isTrue();
        assertThat(server.store().events("victim-call")).hasSize(storedBefore + 1);
        assertThat(server.store().events("mallory-call")).hasSize(1);
        attacker.ws.abort();
    }

    @Test
    void anOversizeFrameClosesOnlyThatConnection() throws Exception {
        Clients.Socket attacker = Clients.connect(server.port(), "/ws/agent", attackerToken, null);
        attacker.fire("x".repeat(200_000));
        assertThat(attacker.closed.get(10, TimeUnit.SECONDS)).startsWith("1009");
        org.awaitility.Awaitility.await().until(() -> server.metrics().scrape().contains("pm_refused_total{limit=\"frame-size\"}"));
        assertThat(victim.send(EventCodec.encode(new Envelope("victim-call", ++victimSeq, 1,
                new MetricsSnapshot(victimSeq, 0.5, 0, 0, 0, 0, 0, 0, 0, null, 10, List.of())))).isAck()).isTrue();
    }

    @Test
    void oversizedHeadersGetAClearHttpErrorAndNothingElse() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Junk: " + "a".repeat(20_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isIn("HTTP/1.1 400", "HTTP/1.1 431");
        }
        assertThat(victim.send(EventCodec.encode(new Envelope("victim-call", ++victimSeq, 1,
                new MetricsSnapshot(victimSeq, 0.5, 0, 0, 0, 0, 0, 0, 0, null, 10, List.of())))).isAck()).isTrue();
    }
}
