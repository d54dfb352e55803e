package dev.pressuremonitor.server.http;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an agent connection does with input that is not a valid event: say why, and keep everyone else going. */
class AgentSocketBadInputTest {
    private WsHarness ws;

    @BeforeEach
    void connect() {
        ws = new WsHarness();
        assertThat(ws.upgrade("/ws/agent")).startsWith("HTTP/1.1 101 Switching Protocols");
    }

    private static String text(List<WebSocketFrame> frames) {
        assertThat(frames).hasSize(1);
        return ((TextWebSocketFrame) frames.get(0)).text();
    }

    private static CloseWebSocketFrame close(List<WebSocketFrame> frames) {
        assertThat(frames).isNotEmpty();
        assertThat(frames.get(frames.size() - 1)).isInstanceOf(CloseWebSocketFrame.class);
        return (CloseWebSocketFrame) frames.get(frames.size() - 1);
    }

    @Test
    void malformedJsonGetsAnErrorReplyAndTheConnectionStays() throws Exception {
        AgentReply r = AgentReply.parse(text(ws.send(new TextWebSocketFrame("{\"type\": \"alert\", "))));
        assertThat(r.isAck()).isFalse();
        assertThat(r.message()).startsWith("bad event: malformed JSON");
        assertThat(ws.server.isActive()).isTrue();
        // and the same connection still takes a good event
        String good = EventCodec.encode(new Envelope("c1", 1, 1, new CallStarted("ana", "", 1, false)));
        assertThat(AgentReply.parse(text(ws.send(new TextWebSocketFrame(good))))).isEqualTo(AgentReply.ack("c1", 1));
    }

    @Test
    void anUnknownEventTypeGetsAnErrorNamingIt() throws Exception {
        AgentReply r = AgentReply.parse(text(ws.send(new TextWebSocketFrame("{\"type\":\"gossip\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{}}"))));
        assertThat(r.message()).contains("unknown event type 'gossip'");
        assertThat(ws.server.isActive()).isTrue();
    }

    @Test
    void anOversizeFrameIsClosedWith1009() {
        CloseWebSocketFrame c = close(ws.send(new TextWebSocketFrame("x".repeat(70_000))));
        assertThat(c.statusCode()).isEqualTo(1009);
        assertThat(c.reasonText()).contains("Max frame length");
    }

    @Test
    void aBinaryFrameIsClosedWith1003SayingToSendText() {
        CloseWebSocketFrame c = close(ws.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[]{1, 2, 3}))));
        assertThat(c.statusCode()).isEqualTo(1003);
        assertThat(c.reasonText()).isEqualTo("binary frames are not accepted: send each event as a JSON text frame");
    }

    @Test
    void invalidUtf8IsClosedWith1007() {
        CloseWebSocketFrame c = close(ws.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[]{(byte) 0xC3, 0x28}))));
        assertThat(c.statusCode()).isEqualTo(1007);
    }
}
