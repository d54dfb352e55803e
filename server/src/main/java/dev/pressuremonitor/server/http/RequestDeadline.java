package dev.pressuremonitor.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A request must arrive in full soon after its first byte (slowloris: one header byte every few seconds keeps a
 * connection and a descriptor forever). Two handlers share the clock: {@link #bytes()} sits before the HTTP codec
 * and starts it at a request's first byte; {@link #messages()} sits after it, stops it when the request is complete
 * and lets the next one start once the answer is written. Too slow: 408 with the reason, then close.
 * {@link #remove} takes both out when the connection becomes a WebSocket.
 */
public final class RequestDeadline {
    public static final String BYTES = "request-deadline-bytes";
    public static final String MESSAGES = "request-deadline-messages";

    private enum State { IDLE, RECEIVING, ANSWERING }

    private final long timeoutNanos;
    private final Runnable timedOut;
    private State state = State.IDLE;
    private boolean bytesWhileAnswering;
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext messagesCtx;

    /** @param timedOut told each time a request took too long, for the metrics */
    public RequestDeadline(Duration timeout, Runnable timedOut) {
        this.timeoutNanos = timeout.toNanos();
        this.timedOut = timedOut;
    }

    public ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof ByteBuf b && b.isReadable()) {
                    if (state == State.IDLE) start(ctx);
                    else if (state == State.ANSWERING) bytesWhileAnswering = true;
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                cancel();
                super.channelInactive(ctx);
            }
        };
    }

    public ChannelHandler messages() {
        return new ChannelDuplexHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                messagesCtx = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof LastHttpContent) {
                    cancel();
                    state = State.ANSWERING;
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof LastHttpContent) {
                    ctx.write(msg, promise.unvoid()).addListener(f -> answered(ctx));
                } else {
                    ctx.write(msg, promise);
                }
            }
        };
    }

    /** Both handlers out of {@code ctx}'s pipeline, and the clock stopped: the connection is a WebSocket now. */
    public static void remove(io.netty.channel.ChannelPipeline p) {
        if (p.get(BYTES) != null) p.remove(BYTES);
        if (p.get(MESSAGES) != null) p.remove(MESSAGES);
    }

    private void start(ChannelHandlerContext ctx) {
        state = State.RECEIVING;
        timer = ctx.executor().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void answered(ChannelHandlerContext ctx) {
        if (state != State.ANSWERING) return;
        state = State.IDLE;
        if (bytesWhileAnswering) {
            bytesWhileAnswering = false;
            start(ctx); // a pipelined request is already on its way
        }
    }

    private void cancel() {
        if (timer != null) timer.cancel(false);
        timer = null;
    }

    private void expire() {
        ChannelHandlerContext ctx = messagesCtx;
        if (state != State.RECEIVING || ctx == null || ctx.isRemoved() || !ctx.channel().isActive()) return;
        timedOut.run();
        // from the messages handler, so the answer passes the HTTP encoder
        HttpResponses.error(ctx, false, io.netty.handler.codec.http.HttpResponseStatus.REQUEST_TIMEOUT,
                "the request did not arrive in full within " + KeepAlive.describe(Duration.ofNanos(timeoutNanos))
                        + " of its first byte: send the whole request at once");
    }
}
