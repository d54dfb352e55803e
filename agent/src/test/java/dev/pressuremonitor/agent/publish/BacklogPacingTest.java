package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A backlog waiting for the server goes out in paced windows, under the server's rate limit, not all at once. */
class BacklogPacingTest {
    static final int SERVER_PER_SECOND = 20; // bursts up to 40
    static final int BACKLOG = 60;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBacklogDrainsWithoutTrippingTheRateLimit() throws Exception {
        Outbox outbox = Outbox.inMemory(1000);
        Envelope start = new Envelope("backlog", 1, 1, new CallStarted("ana", "emea", 1, true));
        outbox.add(start, EventCodec.encode(start));
        for (long seq = 2; seq <= BACKLOG; seq++) {
            Envelope e = new Envelope("backlog", seq, seq, new MetricsSnapshot(seq, 0.5, 0, 0, 0, 0, 0, 0, 0, null, 10, List.of()));
            outbox.add(e, EventCodec.encode(e));
        }
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0)
                .withLimits(new ServerConfig.Limits(4, SERVER_PER_SECOND, 3, 100)));
             AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + server.port()), outbox, null, m -> { },
                     new AgentClient.Timing(AgentClient.FIRST_BACKOFF, AgentClient.MAX_BACKOFF, Duration.ofSeconds(1), SERVER_PER_SECOND * 3 / 4))) {
            assertThat(client.awaitDelivered(Duration.ofSeconds(45))).isTrue();
            assertThat(server.ingest().accepted()).isEqualTo(BACKLOG);
            assertThat(server.metrics().scrape()).doesNotContain("pm_refused_total{limit=\"rate\"}");
        }
    }
}
