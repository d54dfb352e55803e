package dev.pressuremonitor.server.http;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Clients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keep-alive over real sockets, with the timings shortened: the server pings every peer it has not heard from,
 * counts a pong as life, and closes only a peer that answers nothing, with 1001 and a reason.
 */
class KeepAliveTest {
    static final Duration PING_EVERY = Duration.ofMillis(100);
    static final Duration SILENT_FOR = Duration.ofMillis(600);
    PressureServer server;

    @BeforeEach
    void start() throws Exception {
        // a rate limit out of the way: the live call below sends as fast as replies come
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withKeepAlive(PING_EVERY, SILENT_FOR)
                .withLimits(new ServerConfig.Limits(4, 1_000_000, 3, 100)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String metrics(long seq) {
        return EventCodec.encode(new Envelope("live-call", seq, System.currentTimeMillis(),
                new MetricsSnapshot(seq, 0.5, 0, 0, 0, 0, 0, 0, 0, null, 10, List.of())));
    }

    @Test
    void anOverlayThatOnlyListensStaysConnectedThroughALiveCall() throws Exception {
        Clients.Socket overlay = Clients.connect(server.port(), "/ws/overlay?rep=ana", null, null);
        Clients.Socket agent = Clients.connect(server.port(), "/ws/agent", null, null);
        assertThat(agent.send(EventCodec.encode(new Envelope("live-call", 1, System.currentTimeMillis(),
                new CallStarted("ana", "emea", System.currentTimeMillis(), true)))).isAck()).isTrue();
        long seq = 1;
        // the call goes on (the server writes to the overlay all the time) for several times the silence limit
        long until = System.nanoTime() + SILENT_FOR.multipliedBy(4).toNanos();
        while (System.nanoTime() < until && !overlay.closed.isDone()) {
            assertThat(agent.send(metrics(++seq)).isAck()).isTrue();
        }
        assertThat(overlay.closed).as("the overlay was cut: %s", overlay.closed.getNow("")).isNotDone();
        assertThat(overlay.pings.get()).as("pings the overlay got").isPositive();
        assertThat(overlay.texts).isNotEmpty();
    }

    @Test
    void aQuietAgentThatAnswersPingsStaysConnectedAndIsHeardAfterwards() throws Exception {
        Clients.Socket agent = Clients.connect(server.port(), "/ws/agent", null, null);
        // three silence limits' worth of pings, answered by pongs and nothing else
        int enough = (int) (SILENT_FOR.multipliedBy(3).toMillis() / PING_EVERY.toMillis());
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.pings.get() >= enough || agent.closed.isDone());
        assertThat(agent.closed).as("the agent was cut: %s", agent.closed.getNow("")).isNotDone();
        assertThat(agent.send(EventCodec.encode(new Envelope("quiet-call", 1, System.currentTimeMillis(),
                new CallStarted("ana", "emea", System.currentTimeMillis(), true)))).isAck()).isTrue();
    }

    @Test
    void aPeerThatAnswersNoPingIsClosedWith1001AndAReason() throws Exception {
        try (RawWebSocket silent = RawWebSocket.open(server.port(), "/ws/overlay?rep=ana", "")) {
            RawWebSocket.Frame close = silent.readUntilClose();
            assertThat(close).as("a close frame before the socket ended").isNotNull();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).contains("nothing heard for " + KeepAlive.describe(SILENT_FOR)).contains("reconnect");
            assertThat(silent.seen[RawWebSocket.PING]).as("pings before giving up").isPositive();
        }
    }
}
