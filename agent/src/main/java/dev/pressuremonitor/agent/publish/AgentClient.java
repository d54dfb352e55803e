package dev.pressuremonitor.agent.publish;

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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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

    /**
     * How long the agent waits, and how fast it sends.
     *
     * @param firstBackoff first wait before trying an unreachable server again (it doubles after each failure)
     * @param maxBackoff   longest such wait
     * @param retryAfter   wait before sending again an event the server asked to retry
     * @param perSecond    most events sent in a second (a backlog drains at this pace, below the server's rate limit)
     */
    record Timing(Duration firstBackoff, Duration maxBackoff, Duration retryAfter, int perSecond) {
        static final Timing DEFAULT = new Timing(FIRST_BACKOFF, MAX_BACKOFF, Duration.ofSeconds(1), PER_SECOND);
    }

    private final URI server;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Outbox outbox;
    /** For a wss:// server; null for ws://. */
    private final SslContext tls;
    // touched only on the event loop
    private final Delivery delivery;
    private Channel channel;
    /** Handshakes answered "cannot now" (5xx) so far; the user is told of the first. */
    private int unavailableSaid;
    private final Backoff backoff;
    private volatile boolean closed;
    private final Consumer<String> notices;
    private final Object deliveredLock = new Object();
    private final String token;
    private volatile String refusal;
    /** Why the last attempt to connect failed, until a connection succeeds; null while connected or never tried. */
    private volatile String unreachable;
    /** Whether the rep was told the server cannot be reached, since the last connection (network thread only). */
    private boolean toldUnreachable;
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
    public AgentClient(URI server, Outbox outbox, String token, Consumer<String> notices) {
        this(server, outbox, token, notices, Timing.DEFAULT);
    }

    AgentClient(URI server, Outbox outbox, String token, Consumer<String> notices, Timing timing) {
        if (!"ws".equals(server.getScheme()) && !"wss".equals(server.getScheme())) {
            throw new IllegalArgumentException("--server must be a ws:// URL such as ws://127.0.0.1:8425, was " + server);
        }
        this.server = server.getPath() == null || server.getPath().isEmpty() || server.getPath().equals("/")
                ? server.resolve("/ws/agent") : server;
        this.tls = "wss".equals(server.getScheme()) ? tls() : null;
        this.outbox = outbox;
        this.notices = notices;
        this.token = token;
        this.backoff = new Backoff(timing.firstBackoff(), timing.maxBackoff());
        this.delivery = new Delivery(outbox, timing.perSecond(), timing.retryAfter().toNanos(),
                (task, nanos) -> group.schedule(task, nanos, TimeUnit.NANOSECONDS), System::nanoTime, notices, this::wakeWaiters);
        group.execute(this::connect);
    }

    public URI server() {
        return server;
    }

    @Override
    public void accept(Envelope envelope) {
        String json = EventCodec.encode(envelope);
        group.execute(() -> delivery.publish(envelope, json));
    }

    /** Waits until the server has acknowledged everything published so far; false on timeout. */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (refusal != null) return false;
            // a publish may still be queued on the event loop: check there, not only the counter. Not under the
            // lock: the event loop takes that lock to wake waiters, and waiting on the loop while holding it was a
            // deadlock whenever the loop woke waiters at that moment (a refusal: a test hung until its timeout)
            if (delivery.waiting() == 0 && drained()) return true;
            long left = until - System.nanoTime();
            if (left <= 0) return false;
            synchronized (deliveredLock) {
                // a wake-up between the check above and this wait is missed for at most 100 ms
                if (refusal == null) deliveredLock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
        }
    }

    private void wakeWaiters() {
        synchronized (deliveredLock) {
            deliveredLock.notifyAll();
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
        return delivery.notKept();
    }

    public List<String> serverErrors() {
        return delivery.serverErrors();
    }

    /** The port an address names, else its scheme's: 443 for wss://, 80 for ws://. */
    static int port(URI server) {
        if (server.getPort() > 0) return server.getPort();
        return "wss".equals(server.getScheme()) ? 443 : 80;
    }

    /** TLS for a wss:// server, checking its certificate and that it is for the host named. */
    private static SslContext tls() {
        try {
            return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for a wss:// server: " + e.getMessage(), e);
        }
    }

    private void connect() {
        if (closed) return;
        String host = server.getHost();
        int port = port(server);
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port));
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
                        unreachable = describe(f.cause(), server);
                        log.debug("cannot reach {}: {}", server, unreachable);
                        if (!toldUnreachable && !closed) {
                            toldUnreachable = true;
                            notices.accept("cannot reach the server at " + server + " (" + unreachable + "): the call's events"
                                    + " wait in the outbox and are sent when it answers; trying again");
                        }
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
        return delivery.refusalOf(callId);
    }

    /**
     * Why the server could not be reached at the last attempt ("connection refused by 10.0.0.5:8425", "cannot
     * resolve host pm.example"), or null once connected.
     */
    public String unreachable() {
        return unreachable;
    }

    /** A failed connection attempt in words: what a rep or their admin can act on, not an exception's class name. */
    static String describe(Throwable cause, URI server) {
        if (cause == null) return "the connection failed";
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return "no connection to " + server.getHost() + ":" + port(server) + " within 3 s";
        }
        // the same address over HTTP(S): the default port of wss:// and https:// is 443, of ws:// and http:// 80
        URI asHttp = URI.create(("wss".equals(server.getScheme()) ? "https" : "http") + "://" + server.getRawAuthority() + "/");
        return dev.pressuremonitor.agent.stt.model.DownloadFailure.describe(cause, asHttp, java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(3));
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
                backoff.reset();
                unreachable = null;
                if (toldUnreachable) {
                    toldUnreachable = false;
                    notices.accept("reached the server at " + server + ": sending what waited");
                }
                // a new connection starts from no team settings: the server sends them now if the team has any (a rule
                // turned back on while this agent was away must not stay off)
                TeamSettings last = lastSettings;
                if (last != null && (!last.rules().isEmpty() || last.model() != null)) {
                    lastSettings = TeamSettings.of(last.team(), java.util.Map.of(), null);
                    settingsListener.accept(lastSettings);
                }
                // resend in order, from the first event the server has not confirmed (this run's or an earlier
                // run's), in paced windows
                Channel ch = ctx.channel();
                channel = ch;
                delivery.connected(frames -> {
                    for (String f : frames) ch.write(new TextWebSocketFrame(f));
                    ch.flush();
                });
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
            delivery.reply(text.text());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            channel = null;
            delivery.disconnected();
            if (!closed) {
                log.info("connection to {} lost: reconnecting, {} event(s) will be resent", server, outbox.size());
                scheduleReconnect();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            int status = cause instanceof io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException h && h.response() != null
                    ? h.response().status().code() : 0;
            RefusalReader reader = ctx.pipeline().get(RefusalReader.class);
            String reason = reader == null ? null : reader.reason;
            if (status == 401 || status == 403) {
                refusal = Refusal.refused(status, reason);
                notices.accept(refusal);
                closed = true; // retrying with the same token cannot help
                wakeWaiters();
            } else if (status >= 500) {
                // the server cannot decide now (its database is away): not a verdict on the token, so try again
                if (unavailableSaid++ == 0) notices.accept(Refusal.unavailable(status, reason));
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
                reason = Refusal.reason(res.content().toString(java.nio.charset.StandardCharsets.UTF_8));
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
