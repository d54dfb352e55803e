package dev.pressuremonitor.server.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One agent connection: each text frame is one event for {@link IngestService}; each gets a reply frame, written
 * through {@link Replies} with the other replies its network thread has waiting.
 */
public final class AgentFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final IngestService ingest;
    private final dev.pressuremonitor.server.access.Principal principal;
    private final int eventsPerSecond;
    private final dev.pressuremonitor.server.access.RateLimiter rate;
    private final dev.pressuremonitor.server.team.TeamMetrics metrics;
    private final java.util.function.Consumer<io.netty.channel.Channel> joined;
    /** Once we have said goodbye, frames still in flight are ignored. */
    private boolean closing;
    /** Where this connection's replies wait, with those of the other agents on its network thread. */
    private Replies replies;
    /** This connection's side of them: when its replies were last flushed. */
    private Replies.Outlet outlet;
    /** This connection's events not answered yet; counted down on the store's writer thread. */
    private final java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();
    /** Reading is paused until this connection's events are answered, because the store was behind. */
    private volatile boolean paused;

    /** @param rate the bucket this connection's events come out of: its token's, shared with its other connections */
    public AgentFrameHandler(IngestService ingest, dev.pressuremonitor.server.access.Principal principal,
                             dev.pressuremonitor.server.access.RateLimiter rate, int eventsPerSecond,
                             dev.pressuremonitor.server.team.TeamMetrics metrics) {
        this(ingest, principal, rate, eventsPerSecond, metrics, ch -> {});
    }

    /** @param joined told of the connection once its handshake is done (the team's settings are sent on it) */
    public AgentFrameHandler(IngestService ingest, dev.pressuremonitor.server.access.Principal principal,
                             dev.pressuremonitor.server.access.RateLimiter rate, int eventsPerSecond,
                             dev.pressuremonitor.server.team.TeamMetrics metrics, java.util.function.Consumer<io.netty.channel.Channel> joined) {
        this.joined = joined;
        this.ingest = ingest;
        this.principal = principal;
        this.eventsPerSecond = eventsPerSecond;
        this.rate = rate;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        replies = Replies.of(ctx);
        outlet = new Replies.Outlet(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete) joined.accept(ctx.channel());
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (closing) return;
        if (frame instanceof TextWebSocketFrame text) {
            if (!rate.tryTake(System.nanoTime())) {
                metrics.refused("rate");
                closing = true;
                dev.pressuremonitor.server.http.WebSocketErrors.closeGracefully(ctx, WebSocketCloseStatus.POLICY_VIOLATION,
                        "more than " + eventsPerSecond + " events a second from this token: slow down (unacknowledged events are resent after reconnecting)");
                return;
            }
            // the reply comes once the event is durable, from the store's writer thread, with the rest of its batch
            unanswered.incrementAndGet();
            ingest.ingest(io.netty.buffer.ByteBufUtil.getBytes(text.content()), principal).thenAccept(reply -> {
                replies.send(outlet, reply.toJson());
                if (unanswered.decrementAndGet() == 0 && paused) ctx.executor().execute(() -> resume(ctx));
            });
            if (ingest.storeIsBehind()) pause(ctx);
        } else if (frame instanceof BinaryWebSocketFrame) {
            closing = true;
            dev.pressuremonitor.server.http.WebSocketErrors.closeGracefully(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                    "binary frames are not accepted: send each event as a JSON text frame");
        }
    }

    /**
     * The store is behind: this connection reads nothing more until its events are stored, so what the disk cannot
     * take yet waits in the agent's outbox, not in this server's memory. Event loop only.
     */
    private void pause(ChannelHandlerContext ctx) {
        paused = true;
        ctx.channel().config().setAutoRead(false);
        // answered between the send and the pause: the writer's thread may have seen the flag down, so resume here
        if (unanswered.get() == 0) resume(ctx);
    }

    private void resume(ChannelHandlerContext ctx) {
        if (!paused || unanswered.get() > 0) return;
        paused = false;
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        dev.pressuremonitor.server.http.WebSocketErrors.close(ctx, cause, metrics::refused);
    }
}
