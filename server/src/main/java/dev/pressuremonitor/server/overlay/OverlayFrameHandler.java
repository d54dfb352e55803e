package dev.pressuremonitor.server.overlay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;


/**
 * One overlay connection. Subscribes to its rep once the handshake completes; writes go through a bounded
 * {@link OutboundBuffer} so that a browser that stops reading never holds up ingest or other overlays.
 */
public final class OverlayFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> implements OverlaySubscriber {
    private final OverlayHub hub;
    private final String team;
    private final String rep;
    private final OutboundBuffer buffer;
    private Channel channel;
    private long droppedSeen;
    /** Sends handed to this connection's thread as tasks that have not run yet. */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();

    /** @param team the rep's team (a token's); null for any team, on a local server without tokens */
    public OverlayFrameHandler(OverlayHub hub, String team, String rep, int backlog) {
        this.hub = hub;
        this.team = team;
        this.rep = rep;
        this.buffer = new OutboundBuffer(backlog);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            channel = ctx.channel();
            hub.subscribe(team, rep, this);
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * On this connection's own thread with nothing queued for it, the message is written at once, as a bare relay
     * would; a task would wait behind every other socket that thread is reading, which is the overlay's latency.
     * From another thread it goes through the thread's queue; while any such task waits, messages from this thread
     * queue behind it, so each connection sees messages in the order they were published.
     */
    @Override
    public void send(byte[] utf8, boolean coalescable) {
        Channel ch = channel;
        if (ch == null) return;
        if (ch.eventLoop().inEventLoop() && queued.get() == 0) {
            buffer.offer(utf8, coalescable);
            drain(ch);
            return;
        }
        queued.incrementAndGet();
        ch.eventLoop().execute(() -> {
            queued.decrementAndGet();
            buffer.offer(utf8, coalescable);
            drain(ch);
        });
    }

    private void drain(Channel ch) {
        boolean wrote = false;
        while (ch.isActive() && ch.isWritable() && !buffer.isEmpty()) {
            // the agent's bytes copied once into a pooled buffer of the socket's allocator: nothing encoded again
            byte[] utf8 = buffer.poll();
            ch.write(new TextWebSocketFrame(ch.alloc().buffer(utf8.length).writeBytes(utf8)));
            wrote = true;
        }
        if (wrote) ch.flush();
        long d = buffer.dropped();
        if (d > droppedSeen) {
            hub.dropped(d - droppedSeen);
            droppedSeen = d;
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) drain(ctx.channel());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        hub.unsubscribe(team, rep, this);
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame) {
            dev.pressuremonitor.server.http.WebSocketErrors.closeGracefully(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                    "overlays only receive; binary frames are not accepted");
        }
        // text from an overlay (a keep-alive "hello") needs no answer
        if (frame instanceof TextWebSocketFrame) return;
    }

    public long dropped() {
        return buffer.dropped();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        dev.pressuremonitor.server.http.WebSocketErrors.close(ctx, cause);
    }
}
