package dev.pressuremonitor.server.http;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a connection's closing handshake starts, driven without sockets. */
class WebSocketErrorsTest {

    @Test
    void aSecondReasonToCloseSendsNoSecondCloseFrameAndTheFirstReasonIsTheOneSent() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("ws-protocol", new ChannelInboundHandlerAdapter());
        var ctx = ch.pipeline().context("ws-protocol");

        assertThat(WebSocketErrors.closing(ch)).isFalse();
        WebSocketErrors.closeGracefully(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "more than 20 pings a second");
        WebSocketErrors.closeGracefully(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");

        CloseWebSocketFrame sent = ch.readOutbound();
        assertThat(sent.statusCode()).isEqualTo(WebSocketCloseStatus.POLICY_VIOLATION.code());
        assertThat(sent.reasonText()).isEqualTo("more than 20 pings a second");
        sent.release();
        assertThat((Object) ch.readOutbound()).as("a second close frame").isNull();
        assertThat(WebSocketErrors.closing(ch)).isTrue();
        assertThat(ch.pipeline().get(WebSocketErrors.DropMessages.NAME)).as("the peer's messages are dropped from now on").isNotNull();
        ch.finishAndReleaseAll();
    }
}
