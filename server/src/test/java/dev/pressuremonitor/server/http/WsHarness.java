package dev.pressuremonitor.server.http;

import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.ingest.IngestService;
import dev.pressuremonitor.server.overlay.OverlayHub;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's real pipeline in an {@link EmbeddedChannel}, with a client-side frame codec so tests speak
 * WebSocket byte for byte without a socket.
 */
final class WsHarness {
    final OverlayHub hub = new OverlayHub();
    final dev.pressuremonitor.server.calls.CallStore store = dev.pressuremonitor.server.calls.CallStore.temporary();
    final IngestService ingest = new IngestService(hub, store, new dev.pressuremonitor.server.team.TeamMetrics(false));
    final EmbeddedChannel server;
    private final EmbeddedChannel clientEncoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    private final EmbeddedChannel clientDecoder = new EmbeddedChannel(new WebSocket13FrameDecoder(false, true, 1 << 20));

    WsHarness() {
        ServerConfig config = ServerConfig.defaults();
        server = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(config.maxFrameBytes()),
                new HttpRouter(config, ingest, hub, new StaticAssets(), () -> "{\"status\":\"ok\"}", java.util.List.of(), Runnable::run,
                        new dev.pressuremonitor.server.access.AccessControl(false, store), new dev.pressuremonitor.server.access.ConnectionCounter(),
                        new dev.pressuremonitor.server.team.TeamMetrics(false), new dev.pressuremonitor.server.access.TokenRates(config.limits().eventsPerSecond())));
    }

    /** Sends a raw HTTP request and returns the raw response text. */
    String http(String request) {
        server.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
        server.runPendingTasks();
        StringBuilder sb = new StringBuilder();
        for (ByteBuf b; (b = server.readOutbound()) != null; ) {
            sb.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return sb.toString();
    }

    String upgrade(String path) {
        return http("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    }

    /**
     * Sends one client frame (masked, as browsers and agents send them) and returns the frames the server
     * answered; replies to events are made ready by the store's writer thread once durable and written by a task
     * on the connection's event loop, which an embedded channel runs only when asked: so wait for them on this
     * thread, which {@link #received()} runs the loop's tasks on, as the loop's own thread would.
     */
    List<WebSocketFrame> send(WebSocketFrame frame) {
        clientEncoder.writeOutbound(frame);
        for (ByteBuf b; (b = clientEncoder.readOutbound()) != null; ) server.writeInbound(b);
        List<WebSocketFrame> out = new ArrayList<>();
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            out.addAll(received());
            return !out.isEmpty();
        });
        return out;
    }

    /** The frames the server has written so far, after running what its network thread has waiting (replies do). */
    List<WebSocketFrame> received() {
        server.runPendingTasks();
        for (ByteBuf b; (b = server.readOutbound()) != null; ) clientDecoder.writeInbound(b);
        List<WebSocketFrame> out = new ArrayList<>();
        for (Object f; (f = clientDecoder.readInbound()) != null; ) out.add((WebSocketFrame) f);
        return out;
    }
}
