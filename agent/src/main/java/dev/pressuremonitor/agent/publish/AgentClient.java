package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.TeamSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends a call's events to the server over one WebSocket and keeps every event until the server acknowledges
 * it. When the connection drops it reconnects with backoff and resends what was not acknowledged; the server
 * drops duplicates by (callId, seq), so nothing is lost or counted twice. Publishing never blocks the caller.
 */
public final class AgentClient implements Consumer<Envelope>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentClient.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** Half the server's default limit of events a second per token, so a backlog never trips it. */
    static final int PER_SECOND = 100;

    private final URI server;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    // touched only on the event loop
    private final Outbox outbox;
    private final SendWindow window;
    private boolean pumpScheduled;
    /** Handshakes answered "cannot now" (5xx) so far; the user is told of the first. */
    private int unavailableSaid;
    private Channel channel;
    private boolean ready;
    private final Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF);
    private volatile boolean closed;
    private long notKept;
    private final java.util.function.Consumer<String> notices;
    private final List<String> serverErrors = new ArrayList<>();
    /** Per call, the first reason the server gave for refusing one of its events. */
    private final Map<String, String> refusedCalls = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object deliveredLock = new Object();
    private volatile int outstanding;
    private final String token;
    private volatile String refusal;
    private volatile Consumer<TeamSettings> settingsListener = s -> {};
    private volatile TeamSettings lastSettings;

    /**
     * @param server   ws://host:port/ws/agent
     * @param capacity most events held while the server is away; beyond it the oldest are dropped and counted
     */
    public AgentClient(URI server, int capacity) {
        this(server, capacity, null);
    }

    public AgentClient(URI server, int capacity, String token) {
        this(server, Outbox.inMemory(capacity), token, m -> log.warn(m));
    }

    /**
     * @param outbox  where unacknowledged events wait; on disk, they survive a crash of this process
     * @param token   agent token sent as "Authorization: Bearer" on every connection; null for a local server without access control
     * @param notices one-line messages for the user (the outbox filled up, ...)
     */
    public AgentClient(URI server, Outbox outbox, String token, java.util.function.Consumer<String> notices) {
        this(server, outbox, token, notices, PER_SECOND);
    }

    /** @param perSecond most events sent in a second (a backlog drains at this pace, below the server's rate limit) */
    AgentClient(URI server, Outbox outbox, String token, java.util.function.Consumer<String> notices, int perSecond) {
        this.window = new SendWindow(perSecond, perSecond);
        if (!"ws".equals(server.getScheme()) && !"wss".equals(server.getScheme())) {
            throw new IllegalArgumentException("--server must be a ws:// URL such as ws://127.0.0.1:8425, was " + server);
        }
        this.server = server.getPath() == null || server.getPath().isEmpty() || server.getPath().equals("/")
                ? server.resolve("/ws/agent") : server;
        this.outbox = outbox;
        this.notices = notices;
        this.outstanding = outbox.size();
        this.token = token;
        group.execute(this::connect);
    }

    public URI server() {
        return server;
    }

    @Override
    public void accept(Envelope envelope) {
        String json = EventCodec.encode(envelope);
        group.execute(() -> {
            if (!outbox.add(envelope, json)) {
                if (notKept++ == 0) {
                    notices.accept("the server has been out of reach for a while and " + outbox.size()
                            + " events are waiting: newer events are not kept for it; nudges still show here");
                }
                return;
            }
            outbox.flush();
            outstanding = outbox.size();
            pump();
        });
    }

    /** Sends what the window allows now, and comes back when this second's allowance is renewed. Event loop only. */
    private void pump() {
        if (!ready || channel == null) return;
        long now = System.nanoTime();
        List<Outbox.Item> next = window.next(outbox, now);
        for (Outbox.Item i : next) channel.write(new TextWebSocketFrame(i.json()));
        if (!next.isEmpty()) channel.flush();
        long wait = window.pausedFor(now);
        if (wait > 0 && !pumpScheduled) {
            pumpScheduled = true;
            group.schedule(() -> {
                pumpScheduled = false;
                pump();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Waits until the server has acknowledged everything published so far; false on timeout. */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (deliveredLock) {
            while (true) {
                if (refusal != null) return false;
                // a publish may still be queued on the event loop: check there, not only the counter
                if (outstanding == 0 && drained()) return true;
                long left = until - System.nanoTime();
                if (left <= 0) return false;
                deliveredLock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
        }
    }

    private boolean drained() throws InterruptedException {
        try {
            return group.submit(() -> outbox.size() == 0).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Events that were not kept for the server because the outbox was full. */
    public long notKept() {
        return notKept;
    }

    public synchronized List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    private void connect() {
        if (closed) return;
        String host = server.getHost();
        int port = server.getPort() > 0 ? server.getPort() : 80;
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new RefusalReader())
                                .addLast(new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        server, WebSocketVersion.V13, null, false, headers(), 64 * 1024)))
                                .addLast(new Replies());
                    }
                })
                .connect(host, port)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        log.debug("cannot reach {}: {}", server, f.cause() == null ? "?" : f.cause().getMessage());
                        scheduleReconnect();
                    }
                });
    }

    private DefaultHttpHeaders headers() {
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        if (token != null) h.set("Authorization", "Bearer " + token);
        return h;
    }

    /** Why the server refused an event of {@code callId} for good (the first such event), or null when it took them all. */
    public String refusalOf(String callId) {
        return refusedCalls.get(callId);
    }

    /** Why the server refused this agent outright (a bad token), or null; the client stops retrying then. */
    public String refusal() {
        return refusal;
    }

    private void scheduleReconnect() {
        if (closed) return;
        group.schedule(this::connect, backoff.nextDelayMillis(ThreadLocalRandom.current().nextDouble()), TimeUnit.MILLISECONDS);
    }

    /** Who hears the team's settings when the server sends them (on connecting, and when a manager changes them). */
    public void onTeamSettings(Consumer<TeamSettings> listener) {
        this.settingsListener = listener;
        TeamSettings early = lastSettings;
        if (early != null) listener.accept(early); // arrived before anyone listened; applying twice changes nothing
    }

    private void teamSettings(String json) {
        try {
            TeamSettings s = TeamSettings.parse(json);
            lastSettings = s;
            settingsListener.accept(s);
        } catch (DecodeException e) {
            log.warn("server sent team settings this agent cannot read ({}): keeping the settings it had", e.getMessage());
        }
    }

    private final class Replies extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                channel = ctx.channel();
                ready = true;
                backoff.reset();
                // a new connection starts from no team settings: the server sends them now if the team has any (a rule
                // turned back on while this agent was away must not stay off)
                TeamSettings last = lastSettings;
                if (last != null && (!last.rules().isEmpty() || last.model() != null)) {
                    lastSettings = TeamSettings.of(last.team(), java.util.Map.of(), null);
                    settingsListener.accept(lastSettings);
                }
                // resend in order, from the first event the server has not confirmed (this run's or an earlier
                // run's), in paced windows
                window.reset(System.nanoTime());
                pump();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame text)) return;
            if (text.text().contains("\"" + TeamSettings.TYPE + "\"")) {
                teamSettings(text.text());
                return;
            }
            AgentReply reply;
            try {
                reply = AgentReply.parse(text.text());
            } catch (DecodeException e) {
                log.warn("server sent something that is not a reply ({}): ignoring it", e.getMessage());
                return;
            }
            if (reply.isRetry()) {
                // the server could not store it just now: keep it and send it again shortly
                Channel on = ctx.channel();
                group.schedule(() -> {
                    if (channel != on) return; // a new connection resends it anyway
                    window.resendLater(reply.callId(), reply.seq());
                    pump();
                }, 1, TimeUnit.SECONDS);
                return;
            }
            if (!reply.isAck()) {
                log.warn("server refused an event: {}", reply.message());
                synchronized (AgentClient.this) {
                    serverErrors.add(reply.message());
                }
                if (reply.callId() != null) {
                    refusedCalls.putIfAbsent(reply.callId(), "event " + reply.seq() + ": " + (reply.message() == null ? "no reason given" : reply.message()));
                }
            }
            if (reply.callId() != null) {
                outbox.ack(reply.callId(), reply.seq());
                outbox.flush();
                window.answered(reply.callId(), reply.seq());
                pump();
            }
            outstanding = outbox.size();
            if (outstanding == 0) {
                synchronized (deliveredLock) {
                    deliveredLock.notifyAll();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            ready = false;
            channel = null;
            if (!closed) {
                log.info("connection to {} lost: reconnecting, {} event(s) will be resent", server, outbox.size());
                scheduleReconnect();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException h
                    && h.response() != null && (h.response().status().code() == 401 || h.response().status().code() == 403)) {
                int code = h.response().status().code();
                String reason = ctx.pipeline().get(RefusalReader.class) == null ? null : ctx.pipeline().get(RefusalReader.class).reason;
                refusal = "the server refused this agent (HTTP " + code + "): " + (reason != null ? reason : code == 401
                        ? "missing or unknown agent token: create one with 'pressure-monitor token create --rep NAME --team NAME' on the server and set PRESSURE_MONITOR_TOKEN"
                        : "this token may not send calls: use an agent token from 'pressure-monitor token create'");
                notices.accept(refusal);
                closed = true; // retrying with the same token cannot help
                synchronized (deliveredLock) {
                    deliveredLock.notifyAll();
                }
            } else if (cause instanceof io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException h
                    && h.response() != null && h.response().status().code() >= 500) {
                // the server cannot decide now (its database is away): not a verdict on the token, so try again
                String reason = ctx.pipeline().get(RefusalReader.class) == null ? null : ctx.pipeline().get(RefusalReader.class).reason;
                if (unavailableSaid++ == 0) {
                    notices.accept("the server cannot take this agent right now (HTTP " + h.response().status().code() + (reason == null ? "" : ": " + reason)
                            + "); retrying, nothing is lost meanwhile");
                }
            } else {
                log.debug("agent connection error: {}", cause.toString());
            }
            ctx.close();
        }
    }

    /**
     * Keeps the reason a server gives when it refuses the WebSocket upgrade (the handshake exception carries only
     * the status line), so the user reads the server's own words.
     */
    private static final class RefusalReader extends io.netty.channel.ChannelInboundHandlerAdapter {
        volatile String reason;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof io.netty.handler.codec.http.FullHttpResponse res && res.status().code() >= 400) {
                String body = res.content().toString(java.nio.charset.StandardCharsets.UTF_8).trim();
                try {
                    com.fasterxml.jackson.databind.JsonNode node = dev.pressuremonitor.models.Json.readTree(body);
                    if (node.hasNonNull("error")) body = node.get("error").asText();
                } catch (Exception notJson) {
                    // a proxy's own page: shown as it is
                }
                reason = body.isEmpty() ? null : body.length() > 300 ? body.substring(0, 300) + "..." : body;
            }
            super.channelRead(ctx, msg);
        }
    }

    @Override
    public void close() {
        closed = true;
        group.execute(() -> {
            if (channel != null) channel.close();
        });
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        outbox.close();
    }
}
