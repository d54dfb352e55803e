package dev.pressuremonitor.server.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.channel.ChannelFutureListener;

/** One agent connection: each text frame is one event for {@link IngestService}; each gets a reply frame. */
public final class AgentFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final IngestService ingest;
    private final dev.pressuremonitor.server.access.Principal principal;
    private final int eventsPerSecond;
    private final dev.pressuremonitor.server.access.RateLimiter rate;
    private final dev.pressuremonitor.server.team.TeamMetrics metrics;

    public AgentFrameHandler(IngestService ingest, dev.pressuremonitor.server.access.Principal principal, int eventsPerSecond,
                             dev.pressuremonitor.server.team.TeamMetrics metrics) {
        this.ingest = ingest;
        this.principal = principal;
        this.eventsPerSecond = eventsPerSecond;
        this.rate = new dev.pressuremonitor.server.access.RateLimiter(eventsPerSecond, System.nanoTime());
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            if (!rate.tryTake(System.nanoTime())) {
                metrics.refused("rate");
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION,
                        "more than " + eventsPerSecond + " events a second: slow down (unacknowledged events are resent after reconnecting)"))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            // the reply comes once the event is durable, from the store's writer thread
            ingest.ingest(text.text(), principal).thenAccept(reply -> ctx.writeAndFlush(new TextWebSocketFrame(reply.toJson())));
        } else if (frame instanceof BinaryWebSocketFrame) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                    "binary frames are not accepted: send each event as a JSON text frame"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
            // a message split into frames that are each small enough, but too big together
            ctx.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(
                    io.netty.handler.codec.http.websocketx.WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "message too big: send one event per message, at most 64 KiB"))
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            return;
        }
        // the WebSocket decoder has already sent the close frame with its status (1007, 1009, ...)
        if (!(cause instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException)) {
            org.slf4j.LoggerFactory.getLogger(getClass()).debug("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
