package dev.pressuremonitor.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.LoggerFactory;

/** How every WebSocket connection ends on an error: with a close code that says why, when there is one to say. */
public final class WebSocketErrors {
    private WebSocketErrors() {}

    public static void close(ChannelHandlerContext ctx, Throwable cause) {
        close(ctx, cause, limit -> { });
    }

    /** Set on a channel once its closing handshake has started. */
    private static final io.netty.util.AttributeKey<Boolean> CLOSING = io.netty.util.AttributeKey.valueOf("pm-ws-closing");

    /** Whether the closing handshake has started on this channel (our close frame is sent or on its way). */
    public static boolean closing(io.netty.channel.Channel channel) {
        return Boolean.TRUE.equals(channel.attr(CLOSING).get());
    }

    /** How long a peer has to answer our close frame before the connection is cut. */
    public static final long CLOSE_GRACE_SECONDS = 2;

    /**
     * Starts the closing handshake: sends the close frame with its reason and leaves the peer time to read it and
     * answer (the protocol handler closes on the answer). Cutting at once would reset a connection that still has
     * frames in flight, and the peer would never see why.
     */
    public static void closeGracefully(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        // once only: a second close frame breaks the protocol (RFC 6455 5.5.1), and the first reason is the one the
        // peer should read (a flood of pings or a keep-alive tick during the grace would otherwise send another)
        if (ctx.channel().attr(CLOSING).setIfAbsent(Boolean.TRUE) != null) return;
        // from now on the peer's messages are read and dropped (its close answer still reaches the protocol handler):
        // a peer still writing then finds the socket read, not closed on unread bytes, and reads our reason
        io.netty.channel.ChannelPipeline p = ctx.pipeline();
        if (p.get("ws-protocol") != null && p.get(DropMessages.NAME) == null) p.addAfter("ws-protocol", DropMessages.NAME, DropMessages.INSTANCE);
        // through the whole pipeline, whichever handler asks: the frame must pass the WebSocket encoder
        ctx.channel().writeAndFlush(new CloseWebSocketFrame(status, reason));
        ctx.executor().schedule(() -> {
            ctx.close();
        }, CLOSE_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** @param refused told "frame-size" or "bad-frame" when the peer broke a limit, for the metrics */
    public static void close(ChannelHandlerContext ctx, Throwable cause, java.util.function.Consumer<String> refused) {
        if (decompressedTooBig(cause)) {
            refused.accept("frame-size");
            closeGracefully(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big once decompressed: send one event per message, at most 64 KiB");
            return;
        }
        if (cause instanceof TooLongFrameException
                || (cause instanceof CorruptedWebSocketFrameException c && c.closeStatus() != null && c.closeStatus().code() == 1009)) {
            refused.accept("frame-size");
        } else if (cause instanceof CorruptedWebSocketFrameException) {
            refused.accept("bad-frame");
        }
        if (cause instanceof TooLongFrameException) {
            // a message split into frames that are each small enough, but too big together: its sender is usually
            // still sending the rest, so closing at once would reset the connection before the reason is read
            closeGracefully(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big: send one event per message, at most 64 KiB");
            return;
        }
        if (cause instanceof CorruptedWebSocketFrameException c && c.closeStatus() != null) {
            // the decoder now discards what the peer still sends, so the close frame with its status (1007, 1009,
            // ...) reaches a peer that is still writing, instead of a reset from closing on its unread bytes
            closeGracefully(ctx, c.closeStatus(), String.valueOf(c.getMessage()));
            return;
        }
        if (!(cause instanceof CorruptedWebSocketFrameException)) {
            LoggerFactory.getLogger(WebSocketErrors.class).debug("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    /** After our close frame: the peer's messages (data frames) are released unread; anything else passes. */
    @io.netty.channel.ChannelHandler.Sharable
    static final class DropMessages extends io.netty.channel.ChannelInboundHandlerAdapter {
        static final String NAME = "ws-closing";
        static final DropMessages INSTANCE = new DropMessages();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** A compressed message that inflates past the limit (a deflate bomb), wherever in the cause chain it was reported. */
    static boolean decompressedTooBig(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof io.netty.handler.codec.compression.DecompressionException d
                    && String.valueOf(d.getMessage()).startsWith("Decompression buffer has reached maximum size")) return true;
        }
        return false;
    }
}
