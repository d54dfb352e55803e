package dev.pressuremonitor.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** Writes complete HTTP responses with the headers every response gets. */
public final class HttpResponses {
    private HttpResponses() {}

    public static void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        res.headers().set("X-Content-Type-Options", "nosniff");
        res.headers().set("X-Frame-Options", "SAMEORIGIN");
        res.headers().set("Referrer-Policy", "no-referrer");
        res.headers().set("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'self'");
        HttpUtil.setKeepAlive(res, keepAlive);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public static void json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String json) {
        send(ctx, keepAlive, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error": message}}; the message says what was wrong and what to do. */
    public static void error(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String message) {
        var node = dev.pressuremonitor.models.Json.mapper().createObjectNode().put("error", message);
        json(ctx, keepAlive, status, node.toString());
    }

    /**
     * Answers a connection the server will not take (no HTTP codec in its pipeline yet) and closes it: the status
     * line and a JSON reason, written as bytes once the connection is active.
     */
    public static void refuseConnection(io.netty.channel.Channel ch, HttpResponseStatus status, String message) {
        byte[] body = dev.pressuremonitor.models.Json.mapper().createObjectNode().put("error", message).toString().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body)).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }
}
