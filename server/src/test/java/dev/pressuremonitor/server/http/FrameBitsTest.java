package dev.pressuremonitor.server.http;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Frames whose header bits or compression lie about them, over real sockets: each closes with its own code. */
class FrameBitsTest {
    static PressureServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** {@code bytes} of zeros, deflated for permessage-deflate (raw deflate, sync-flushed, tail 00 00 ff ff cut). */
    static byte[] deflatedZeros(int bytes) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        for (int left = bytes; left > 0; left -= zeros.length) {
            d.setInput(zeros, 0, Math.min(left, zeros.length));
            while (!d.needsInput()) out.write(buf, 0, d.deflate(buf, 0, buf.length, Deflater.NO_FLUSH));
        }
        for (int n; (n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0; ) out.write(buf, 0, n);
        d.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    @Test
    void aMessageTooBigInSmallFragmentsGetsIts1009WhileTheSenderIsStillSending() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws/agent", "")) {
            byte[] piece = new byte[16 * 1024];
            Arrays.fill(piece, (byte) 'x');
            // 16 MiB in 16 KiB fragments, more than the sockets' buffers hold, written without waiting as a client's
            // library does with a long message: the server refuses it at 64 KiB with most of it still to come, and
            // must go on reading (and dropping) it, or these writes end in a reset before the reason is read
            byte[] batch = RawWebSocket.encode(RawWebSocket.CONTINUATION, piece, false, 0);
            ws.sendRaw(RawWebSocket.encode(RawWebSocket.TEXT, piece, false, 0));
            for (int i = 1; i < 1023; i++) ws.sendRaw(batch);
            ws.sendRaw(RawWebSocket.encode(RawWebSocket.CONTINUATION, piece, true, 0));
            RawWebSocket.Frame close = ws.readUntilClose();
            assertThat(close).as("a close frame, not a reset of a connection with bytes still unread").isNotNull();
            assertThat(close.closeCode()).isEqualTo(1009);
            assertThat(close.closeReason()).contains("64 KiB");
        }
    }

    @Test
    void aDeflateBombClosesWith1009AndIsCounted() throws Exception {
        byte[] bomb = deflatedZeros(50 << 20);
        assertThat(bomb.length).as("small on the wire").isLessThan(64 * 1024);
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws/agent", "Sec-WebSocket-Extensions: permessage-deflate\r\n")) {
            assertThat(ws.handshake).containsIgnoringCase("permessage-deflate");
            ws.send(RawWebSocket.TEXT, bomb, true, 0x40);
            RawWebSocket.Frame close = ws.readUntilClose();
            assertThat(close).as("a close frame").isNotNull();
            assertThat(close.closeCode()).isEqualTo(1009);
        }
        await().until(() -> server.metrics().scrape().contains("pm_refused_total{limit=\"frame-size\"}"));
    }

    @Test
    void aReservedBitNoExtensionUsesClosesWith1002() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws/agent", "")) {
            ws.send(RawWebSocket.TEXT, "{}".getBytes(StandardCharsets.UTF_8), true, 0x20);
            RawWebSocket.Frame close = ws.readUntilClose();
            assertThat(close).as("a close frame").isNotNull();
            assertThat(close.closeCode()).isEqualTo(1002);
            assertThat(close.closeReason()).contains("reserved bit");
        }
    }
}
