package dev.pressuremonitor.server.http;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pings over a real loopback socket: a keep-alive gets its pong; a flood gets few and is closed, with a reason. */
class ControlFrameFloodTest {
    static final int PINGS_PER_SECOND = 50;
    PressureServer server;

    @BeforeEach
    void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0)
                .withLimits(new ServerConfig.Limits(4, PINGS_PER_SECOND, 3, 100)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws/overlay?rep=ana", "")) {
            ws.send(RawWebSocket.PING, "are you there".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame f = ws.read();
            assertThat(f.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(f.text()).isEqualTo("are you there");
        }
    }

    @Test
    void aPingFloodGetsFewPongsAndIsClosedWith1008AndCounted() throws Exception {
        int flood = 20_000;
        ByteArrayOutputStream pings = new ByteArrayOutputStream();
        for (int i = 0; i < flood; i++) pings.writeBytes(RawWebSocket.encode(RawWebSocket.PING, new byte[0], true, 0));
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws/overlay?rep=ana", "")) {
            ws.sendRaw(pings.toByteArray());
            RawWebSocket.Frame close = ws.readUntilClose();
            assertThat(close).as("a close frame").isNotNull();
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.closeReason()).contains("pings");
            // about the burst the rate allows is answered, not one pong per ping
            assertThat(ws.seen[RawWebSocket.PONG]).isLessThan(flood / 100);
        }
        await().until(() -> server.metrics().scrape().contains("pm_refused_total{limit=\"control-frames\"} 1.0"));
    }
}
