package dev.pressuremonitor.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/** Pings a quiet peer so proxies keep the connection, and closes a peer that stopped answering altogether. */
public final class KeepAlive extends ChannelDuplexHandler {
    private final long silentSeconds;

    public KeepAlive(long silentSeconds) {
        this.silentSeconds = silentSeconds;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE && ctx.pipeline().get("ws-protocol") != null) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else if (idle.state() == IdleState.READER_IDLE) {
                if (ctx.pipeline().get("ws-protocol") != null) {
                    ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE,
                            "nothing heard for " + silentSeconds + " s (not even a pong): reconnect"))
                            .addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.close();
                }
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
