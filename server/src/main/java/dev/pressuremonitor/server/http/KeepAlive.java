package dev.pressuremonitor.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps connections honest in both directions. What counts is what we hear, not what we write: an overlay only
 * receives, so the server writes to it all the time and hears nothing but pongs. A WebSocket peer not heard from
 * for {@code pingEvery} is pinged (through the whole pipeline, so the frame is encoded); any bytes from it, a pong
 * included, count as life; a peer silent for {@code closeIfSilentFor} is closed with 1001 and a reason. A plain
 * HTTP connection that stays silent that long is simply closed.
 */
public final class KeepAlive extends ChannelDuplexHandler {
    private final long pingEveryNanos;
    private final long silentNanos;
    private long lastHeard;
    /** Pings sent since we last heard from the peer: a peer is given up on only once it has been asked. */
    private int unanswered;
    private ScheduledFuture<?> ticks;
    private boolean closing;

    public KeepAlive(Duration pingEvery, Duration closeIfSilentFor) {
        this.pingEveryNanos = pingEvery.toNanos();
        this.silentNanos = closeIfSilentFor.toNanos();
    }

    /** The close frame's reason, made when needed: a string kept per connection cost each one about 100 bytes. */
    private String reason() {
        return "nothing heard for " + describe(Duration.ofNanos(silentNanos)) + " (not even a pong): reconnect";
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) start(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (ticks != null) return;
        lastHeard = System.nanoTime();
        long every = Math.min(pingEveryNanos, silentNanos);
        ticks = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastHeard = System.nanoTime();
        unanswered = 0;
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void stop() {
        if (ticks != null) ticks.cancel(false);
    }

    private void tick(ChannelHandlerContext ctx) {
        // another handler's close (a flood, a frame too big) is already under way: no pings into its grace period
        if (closing || WebSocketErrors.closing(ctx.channel()) || !ctx.channel().isActive()) return;
        long silent = System.nanoTime() - lastHeard;
        boolean webSocket = ctx.pipeline().get("ws-protocol") != null;
        if (silent >= silentNanos && (unanswered > 0 || !webSocket)) {
            closing = true;
            stop();
            if (webSocket) {
                WebSocketErrors.closeGracefully(ctx, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, reason());
            } else {
                ctx.close();
            }
        } else if (webSocket && silent >= pingEveryNanos) {
            unanswered++;
            ctx.channel().writeAndFlush(new PingWebSocketFrame());
        }
    }
}
