package dev.pressuremonitor.agent.publish;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A stand-in agent endpoint on loopback whose replies a test scripts, frame by frame. */
final class ScriptedServer implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    /** Agents connected so far, counting each reconnection. */
    final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Channel> open = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    ScriptedServer(Function<String, String> reply) throws InterruptedException {
        this(reply, n -> null);
    }

    /** @param greeting what to send an agent when its n-th connection (from 1) opens; null for nothing */
    ScriptedServer(Function<String, String> reply, java.util.function.IntFunction<String> greeting) throws InterruptedException {
        this(reply, greeting, n -> null);
    }

    /**
     * @param refusal how to answer the n-th WebSocket upgrade (from 1) instead of accepting it: an HTTP status and
     *                body such as {@code "503 {\"error\":\"...\"}"}; null to accept
     */
    ScriptedServer(Function<String, String> reply, java.util.function.IntFunction<String> greeting,
                   java.util.function.IntFunction<String> refusal) throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger upgrades = new java.util.concurrent.atomic.AtomicInteger();
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new SimpleChannelInboundHandler<io.netty.handler.codec.http.FullHttpRequest>(false) {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, io.netty.handler.codec.http.FullHttpRequest req) {
                                        String answer = refusal.apply(upgrades.incrementAndGet());
                                        if (answer == null) {
                                            ctx.fireChannelRead(req);
                                            return;
                                        }
                                        req.release();
                                        String[] statusAndBody = answer.split(" ", 2);
                                        var res = new io.netty.handler.codec.http.DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                                                io.netty.handler.codec.http.HttpResponseStatus.valueOf(Integer.parseInt(statusAndBody[0])),
                                                io.netty.buffer.Unpooled.copiedBuffer(statusAndBody.length > 1 ? statusAndBody[1] : "", java.nio.charset.StandardCharsets.UTF_8));
                                        res.headers().set("Content-Length", res.content().readableBytes());
                                        ctx.writeAndFlush(res).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                                    }
                                },
                                new WebSocketServerProtocolHandler("/ws/agent"),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                                        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                                            open.add(ctx.channel());
                                            String hello = greeting.apply(connections.incrementAndGet());
                                            if (hello != null) ctx.writeAndFlush(new TextWebSocketFrame(hello));
                                        }
                                        super.userEventTriggered(ctx, evt);
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        received.add(frame.text());
                                        ctx.writeAndFlush(new TextWebSocketFrame(reply.apply(frame.text())));
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
    }

    /** Cuts every agent off, as a server restart would. */
    void dropConnections() {
        for (Channel c : open) c.close().syncUninterruptibly();
        open.clear();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
