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
 * made ready, then each connection it touched flushed, at most once per {@link #FLUSH_EVERY_NANOS}.
 *
 * <p>Why the pacing: a reply is a frame of some 60 bytes, and a socket flush is a system call (with the frame's
 * header and the WebSocket encoder's work around it). An agent sending several events a second got a flush per
 * commit, ten a second, each carrying about one reply: as many system calls for replies as for the events
 * themselves. Replies ready within {@link #FLUSH_EVERY_NANOS} of the connection's last flush now go out together
 * when that time is up. An agent that speaks at the usual pace (a few events a minute) gets each reply at once, as
 * before; a busy one gets its replies at most a quarter of a second later, which delays nothing a person sees (the
 * overlays get events before they are stored) and only keeps them a little longer in the agent's outbox.
 */
final class Replies {
    /** The least time between two flushes of one agent's replies. */
    static final long FLUSH_EVERY_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250);
    private static final ThreadLocal<Replies> OF_THREAD = new ThreadLocal<>();

    private final EventExecutor loop;
    private final Queue<Reply> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private record Reply(Outlet to, String json) {}

    /** One agent connection's side of the replies: when it was last flushed, and whether a flush is set. Its network thread only. */
    static final class Outlet {
        final ChannelHandlerContext ctx;
        private long lastFlush;
        private boolean flushSet;

        Outlet(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            this.lastFlush = now(ctx) - FLUSH_EVERY_NANOS;
        }
    }

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

    /** Sends {@code json} as a text frame on the outlet's connection soon, from any thread. */
    void send(Outlet to, String json) {
        waiting.add(new Reply(to, json));
        if (scheduled.compareAndSet(false, true)) loop.execute(this::writeWaiting);
    }

    private void writeWaiting() {
        // cleared first: a reply added from now on is either taken below or schedules the next run
        scheduled.set(false);
        Set<Outlet> written = new HashSet<>();
        for (Reply r = waiting.poll(); r != null; r = waiting.poll()) {
            ChannelHandlerContext ctx = r.to().ctx;
            ctx.write(new TextWebSocketFrame(io.netty.buffer.ByteBufUtil.writeUtf8(ctx.alloc(), r.json())));
            written.add(r.to());
        }
        written.forEach(Replies::flushPaced);
    }

    /** Flushes now if the last flush is long enough ago, else once it is (one flush set at a time). */
    private static void flushPaced(Outlet o) {
        if (o.flushSet) return;
        long wait = o.lastFlush + FLUSH_EVERY_NANOS - now(o.ctx);
        if (wait <= 0) {
            flush(o);
            return;
        }
        o.flushSet = true;
        o.ctx.executor().schedule(() -> {
            o.flushSet = false;
            flush(o);
        }, wait, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static void flush(Outlet o) {
        o.lastFlush = now(o.ctx);
        o.ctx.flush();
    }

    /** The network thread's clock (a test's own, in an embedded channel). */
    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}
