package dev.pressuremonitor.server.http;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeepAliveTest {

    private static EmbeddedChannel webSocket() {
        EmbeddedChannel ch = new EmbeddedChannel(new KeepAlive(60));
        // KeepAlive only pings connections that have become WebSockets
        ch.pipeline().addLast("ws-protocol", new io.netty.channel.ChannelInboundHandlerAdapter());
        return ch;
    }

    @Test
    void pingsAPeerWeHaveNotWrittenToForAWhile() {
        EmbeddedChannel ch = webSocket();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
        assertThat((Object) ch.readOutbound()).isInstanceOf(PingWebSocketFrame.class);
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void closesAPeerThatWentSilentSayingWhy() {
        EmbeddedChannel ch = webSocket();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        CloseWebSocketFrame close = ch.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1001);
        assertThat(close.reasonText()).isEqualTo("nothing heard for 60 s (not even a pong): reconnect");
        assertThat(ch.isActive()).isFalse();
    }
}
