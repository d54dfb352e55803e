package dev.pressuremonitor.server.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.EventExecutor;

import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Replies on their way to the agents of one network thread. The store's writer makes them ready a committed batch
 * at a time; handed over one by one, each was a task of its own that woke the network thread and flushed its
 * socket. Here they wait in one queue that a single task empties: every waiting reply written in the order it was
 * made ready, then each connection it touched flushed once.
 */
final class Replies {
    private static final ThreadLocal<Replies> OF_THREAD = new ThreadLocal<>();

    private final EventExecutor loop;
    private final Queue<Reply> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private record Reply(ChannelHandlerContext ctx, String json) {}

    private Replies(EventExecutor loop) {
        this.loop = loop;
    }

    /** The replies of {@code ctx}'s network thread; called on that thread (when a connection's handler is added). */
    static Replies of(ChannelHandlerContext ctx) {
        Replies r = OF_THREAD.get();
        if (r == null || r.loop != ctx.executor()) {
            r = new Replies(ctx.executor());
            OF_THREAD.set(r);
        }
        return r;
    }

    /** Sends {@code json} as a text frame on {@code ctx}'s connection soon, from any thread. */
    void send(ChannelHandlerContext ctx, String json) {
        waiting.add(new Reply(ctx, json));
        if (scheduled.compareAndSet(false, true)) loop.execute(this::writeWaiting);
    }

    private void writeWaiting() {
        // cleared first: a reply added from now on is either taken below or schedules the next run
        scheduled.set(false);
        Set<ChannelHandlerContext> written = new HashSet<>();
        for (Reply r = waiting.poll(); r != null; r = waiting.poll()) {
            r.ctx().write(new TextWebSocketFrame(io.netty.buffer.ByteBufUtil.writeUtf8(r.ctx().alloc(), r.json())));
            written.add(r.ctx());
        }
        written.forEach(ChannelHandlerContext::flush);
    }
}
