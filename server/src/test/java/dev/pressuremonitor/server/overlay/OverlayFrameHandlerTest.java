package dev.pressuremonitor.server.overlay;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverlayFrameHandlerTest {

    @Test
    @SuppressWarnings("deprecation") // the handshake event's older constructor is all this test needs
    void anEventPublishedOnTheOverlaysOwnThreadIsWrittenAtOnceNotQueuedBehindOtherSockets() {
        OverlayHub hub = new OverlayHub();
        EmbeddedChannel overlay = new EmbeddedChannel(new OverlayFrameHandler(hub, null, "ana", 16));
        overlay.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete("/ws/overlay?rep=ana", new DefaultHttpHeaders(), null));

        Envelope started = new Envelope("c1", 1, 1, new CallStarted("ana", "", 1, true));
        String json = EventCodec.encode(started);
        hub.publish("", "ana", started, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        // no runPendingTasks(): the frame is already on the wire
        TextWebSocketFrame frame = overlay.readOutbound();
        assertThat(frame).as("written without a trip through the event loop's task queue").isNotNull();
        assertThat(frame.text()).isEqualTo(json);
        frame.release();
        overlay.finishAndReleaseAll();
    }
}
