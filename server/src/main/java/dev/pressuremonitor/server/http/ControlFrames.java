package dev.pressuremonitor.server.http;

import dev.pressuremonitor.server.access.RateLimiter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

import java.util.function.Consumer;

/**
 * Refuses frames with reserved bits no extension here uses (RSV1 is cleared by the deflate decoder before this, so
 * any bit still set is unagreed: close 1002). Answers a peer's pings, within bounds: a pong goes out only when none is still on its way and the connection can
 * take it (a flood gets one answer per round trip, not one per ping, so memory stays flat), and pings and pongs
 * count against a rate like events do. A peer over it is closed with 1008 and the reason, and counted.
 */
public final class ControlFrames extends ChannelInboundHandlerAdapter {
    private final int perSecond;
    private final RateLimiter rate;
    private final Consumer<String> refused;
    private boolean pongInFlight;
    private boolean closing;

    private static int reservedBit(int rsv) {
        return (rsv & 0x4) != 0 ? 1 : (rsv & 0x2) != 0 ? 2 : 3;
    }

    /** @param refused told "control-frames" when a peer goes over the rate, "bad-frame" for a reserved bit, for the metrics */
    public ControlFrames(int perSecond, Consumer<String> refused) {
        this.perSecond = perSecond;
        this.rate = new RateLimiter(perSecond, System.nanoTime());
        this.refused = refused;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof io.netty.handler.codec.http.websocketx.WebSocketFrame f && f.rsv() != 0) {
            ReferenceCountUtil.release(msg);
            if (closing) return;
            closing = true;
            refused.accept("bad-frame");
            WebSocketErrors.closeGracefully(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "a reserved bit (RSV" + reservedBit(f.rsv())
                    + ") is set, but no extension using it was agreed: clear it");
            return;
        }
        boolean ping = msg instanceof PingWebSocketFrame;
        if (!ping && !(msg instanceof PongWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (closing) return;
            if (!rate.tryTake(System.nanoTime())) {
                closing = true;
                refused.accept("control-frames");
                WebSocketErrors.closeGracefully(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "more than " + perSecond
                        + " pings and pongs a second: a keep-alive needs one every few seconds at most");
                return;
            }
            if (ping && !pongInFlight && ctx.channel().isWritable()) {
                pongInFlight = true;
                PingWebSocketFrame p = (PingWebSocketFrame) msg;
                ctx.writeAndFlush(new PongWebSocketFrame(p.content().retain())).addListener(f -> pongInFlight = false);
            }
            // a pong (or a ping that found a pong still on its way) needs nothing more
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}
