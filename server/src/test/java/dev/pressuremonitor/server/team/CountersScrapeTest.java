package dev.pressuremonitor.server.team;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Clients;
import dev.pressuremonitor.server.http.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The counters a Prometheus scrape reads over HTTP are the ones /healthz reports, however long the server has run
 * (a garbage collection happens before each scrape, as it does in a long-running server).
 */
class CountersScrapeTest {
    PressureServer server;

    @BeforeEach
    void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withLimits(new ServerConfig.Limits(4, 1_000_000, 3, 100)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String get(String path) throws Exception {
        return Clients.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of an unlabelled series in a real scrape, after the JVM has collected garbage. */
    double scraped(String series) throws Exception {
        System.gc();
        String body = get("/metrics");
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        assertThat(m.find()).as(series + " in\n" + body).isTrue();
        return Double.parseDouble(m.group(1));
    }

    long health(String field) throws Exception {
        return dev.pressuremonitor.models.Json.mapper().readTree(get("/healthz")).get(field).asLong();
    }

    @Test
    void rejectedEventsAreCountedInTheScrape() throws Exception {
        Clients.Socket agent = Clients.connect(server.port(), "/ws/agent", null, null);
        for (int i = 0; i < 3; i++) assertThat(agent.send("{\"type\": \"alert\"").isAck()).isFalse();
        assertThat(health("eventsRejected")).isEqualTo(3);
        assertThat(scraped("pm_events_rejected_total")).isEqualTo(3.0);
    }

    @Test
    void summariesMadeFromMemoryAreCountedInTheScrape() throws Exception {
        Clients.Socket agent = Clients.connect(server.port(), "/ws/agent", null, null);
        assertThat(agent.send(EventCodec.encode(new Envelope("c1", 1, 1, new CallStarted("ana", "emea", 1, true)))).isAck()).isTrue();
        assertThat(agent.send(EventCodec.encode(new Envelope("c1", 2, 2, new dev.pressuremonitor.models.CallEnded(3, "hangup")))).isAck()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.store().summary("c1").map(s -> s.ended()).orElse(false));
        System.gc();
        String body = get("/metrics");
        assertThat(body).containsPattern("(?m)^pm_summaries_built_total\\{source=\"memory\",?\\} 1\\.0$")
                .containsPattern("(?m)^pm_summaries_built_total\\{source=\"database\",?\\} 0\\.0$");
    }

    @Test
    void messagesASlowOverlayNeverGotAreCountedInTheScrape() throws Exception {
        Clients.Socket agent = Clients.connect(server.port(), "/ws/agent", null, null);
        assertThat(agent.send(EventCodec.encode(new Envelope("c1", 1, 1, new CallStarted("ana", "emea", 1, true)))).isAck()).isTrue();
        // an overlay that stops reading at once, with a tiny receive buffer: its messages back up and the oldest go.
        // Each event is large (32 KB), so a few hundred fill the socket buffers even when every one waits for its
        // durable acknowledgement on a busy machine.
        try (RawWebSocket stalled = RawWebSocket.open(server.port(), "/ws/overlay?rep=ana", "", 1024)) {
            long[] seq = {1};
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
                for (int i = 0; i < 10; i++) {
                    seq[0]++;
                    agent.send(EventCodec.encode(new Envelope("c1", seq[0], 1,
                            new MetricsSnapshot(seq[0], 0.5, 0, 0, 0, 0, 0, 0, 0, null, 10, Collections.nCopies(16, "x".repeat(2_000))))));
                }
                return server.overlays().dropped() > 0;
            });
            long dropped = health("overlayMessagesDropped");
            assertThat(dropped).isPositive();
            assertThat(scraped("pm_overlay_messages_dropped_total")).isEqualTo((double) dropped);
        }
    }
}
