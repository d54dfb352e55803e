package dev.pressuremonitor.server;

import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.calls.CallsApi;
import dev.pressuremonitor.server.http.HttpRouter;
import dev.pressuremonitor.server.team.TeamApi;
import dev.pressuremonitor.server.team.TeamMetrics;
import dev.pressuremonitor.server.access.ConnectionCaps;
import dev.pressuremonitor.server.http.HttpResponses;
import dev.pressuremonitor.server.http.KeepAlive;
import dev.pressuremonitor.server.http.RequestDeadline;
import io.netty.handler.codec.http.HttpResponseStatus;
import dev.pressuremonitor.server.http.StaticAssets;
import dev.pressuremonitor.server.ingest.IngestService;
import dev.pressuremonitor.server.overlay.OverlayHub;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty HTTP + WebSocket server: one port for the overlay page, agents (/ws/agent) and overlays
 * (/ws/overlay?rep=NAME). Epoll on Linux, NIO elsewhere.
 */
public final class PressureServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PressureServer.class);

    private final ServerConfig config;
    private final OverlayHub overlays;
    private final dev.pressuremonitor.server.team.TeamSettingsHub teamSettings;
    private final CallStore store;
    private final TeamMetrics metrics;
    private final IngestService ingest;
    private final dev.pressuremonitor.server.access.AccessControl access;
    private final dev.pressuremonitor.server.access.ConnectionCounter perToken = new dev.pressuremonitor.server.access.ConnectionCounter();
    private final java.util.concurrent.ExecutorService blocking;
    private final java.util.concurrent.ScheduledExecutorService housekeeping;
    private final ConnectionCaps caps;
    private final dev.pressuremonitor.server.access.TokenRates rates;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    private PressureServer(ServerConfig config) throws InterruptedException {
        this.config = config;
        this.overlays = new OverlayHub(!config.auth());
        this.store = config.db() == null ? CallStore.temporary() : CallStore.open(config.db());
        this.metrics = new TeamMetrics(config.metricsPerRep());
        this.ingest = new IngestService(overlays, store, metrics, config.limits());
        this.access = new dev.pressuremonitor.server.access.AccessControl(config.auth(), store);
        store.onCallEnded(metrics::callEnded);
        this.rates = new dev.pressuremonitor.server.access.TokenRates(config.limits().eventsPerSecond());
        store.onWriteFailure(metrics::storeWriteFailed);
        metrics.store(store.health());
        metrics.summaries(store::summariesFromMemory, store::summariesFromDatabase);
        metrics.connections(this::agents, overlays::subscribers, overlays::dropped, ingest::rejected);
        this.blocking = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-api");
            t.setDaemon(true);
            return t;
        });
        this.teamSettings = new dev.pressuremonitor.server.team.TeamSettingsHub(store, blocking);
        this.housekeeping = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        if (config.retentionDays() > 0) {
            housekeeping.scheduleAtFixedRate(this::applyRetention, 0, 6, TimeUnit.HOURS);
        }
        watchStoredOpenCalls();
        long checkMs = Math.max(100, Math.min(60_000, config.abandonAfter().toMillis() / 4));
        housekeeping.scheduleAtFixedRate(this::closeSilentCalls, checkMs, checkMs, TimeUnit.MILLISECONDS);
        java.util.List<dev.pressuremonitor.server.http.HttpApi> apis = java.util.List.of(
                new dev.pressuremonitor.server.feedback.FeedbackApi(store, metrics, java.time.Clock.systemUTC()), new CallsApi(store),
                new TeamApi(store, metrics, java.time.Clock.systemUTC()), new dev.pressuremonitor.server.overlay.OverlayAccessApi(),
                new dev.pressuremonitor.server.team.TeamSettingsApi(store, teamSettings, java.time.Clock.systemUTC()));
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        boss = new MultiThreadIoEventLoopGroup(1, io);
        // one network thread per core, not Netty's two: nothing on them blocks (storing has its own thread, slow
        // HTTP answers their own pool), and on a small machine twice the threads only take turns on the same cores
        workers = new MultiThreadIoEventLoopGroup(NettyRuntime.availableProcessors(), io);
        // what descriptors are left now, with the database and the event loops open, is what connections may take
        this.caps = ConnectionCaps.forThisProcess(config.connections().total(), config.connections().perAddress());
        metrics.openConnections(caps::open);
        StaticAssets assets = new StaticAssets();
        HttpRouter.Health health = this::healthJson;
        // one router for every connection (it keeps nothing of one): a connection's handshake allocates none
        HttpRouter router = new HttpRouter(config, ingest, overlays, assets, health, apis, blocking, access, perToken, metrics, rates, teamSettings::joined);
        try {
            serverChannel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            java.net.InetAddress from = ch.remoteAddress().getAddress();
                            ConnectionCaps.Verdict verdict = caps.tryOpen(from);
                            if (verdict != ConnectionCaps.Verdict.OPEN) {
                                refuse(ch, verdict);
                                return;
                            }
                            ch.closeFuture().addListener(f -> caps.closed(from));
                            connections.add(ch);
                            RequestDeadline deadline = new RequestDeadline(config.handshakeTimeout(), () -> metrics.refused("request-timeout"));
                            ch.pipeline()
                                    .addLast("keepalive", new KeepAlive(config.pingEvery(), config.closeIfSilentFor()))
                                    .addLast(RequestDeadline.BYTES, deadline.bytes())
                                    .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                    .addLast(RequestDeadline.MESSAGES, deadline.messages())
                                    .addLast("http-aggregator", new HttpObjectAggregator(config.maxFrameBytes()))
                                    .addLast("router", router);
                        }
                    })
                    .bind(config.host(), config.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            blocking.shutdownNow();
            housekeeping.shutdownNow();
            store.close();
            throw e;
        }
        log.info("listening on {}:{} ({}); at most {} connections, {} from one address", config.host(), port(), epoll ? "epoll" : "nio",
                caps.total(), caps.perAddress());
    }

    private void refuse(SocketChannel ch, ConnectionCaps.Verdict verdict) {
        boolean full = verdict == ConnectionCaps.Verdict.SERVER_FULL;
        metrics.refused(full ? "server-connections" : "address-connections");
        HttpResponses.refuseConnection(ch, full ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.TOO_MANY_REQUESTS, full
                ? "the server has " + caps.total() + " connections open, its limit: try again shortly"
                : "your address already has " + caps.perAddress() + " connections open: close some (old tabs, stuck agents) and try again");
    }

    /** Binds and starts serving; {@link #port()} tells the port when {@code config.port()} is 0. */
    public static PressureServer start(ServerConfig config) throws InterruptedException {
        return new PressureServer(config);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public String host() {
        return config.host();
    }

    public IngestService ingest() {
        return ingest;
    }

    public OverlayHub overlays() {
        return overlays;
    }

    public dev.pressuremonitor.server.access.AccessControl access() {
        return access;
    }

    public CallStore store() {
        return store;
    }

    public TeamMetrics metrics() {
        return metrics;
    }

    /** Calls left open when the server last stopped (or on another server) are closed too if nobody comes back for them. */
    private void watchStoredOpenCalls() {
        try {
            int n = ingest.watchStoredOpenCalls();
            if (n > 0) log.info("{} call(s) in the database are open: each is closed as abandoned {} after its last event unless its agent comes back",
                    n, config.abandonAfter().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        } catch (java.sql.SQLException e) {
            log.error("cannot list the open calls in the database ({}): calls left open before this start are closed only by their agents", e.getMessage());
        }
    }

    private void closeSilentCalls() {
        try {
            ingest.closeSilentCalls(config.abandonAfter(), System.currentTimeMillis());
        } catch (RuntimeException e) {
            log.error("could not close silent calls: {}", e.getMessage());
        }
    }

    private void applyRetention() {
        try {
            long cutoff = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(config.retentionDays());
            int n = store.deleteEndedBefore(cutoff);
            if (n > 0) log.info("retention: deleted {} call(s) that ended over {} days ago", n, config.retentionDays());
        } catch (Exception e) {
            log.error("retention: could not delete old calls: {}", e.getMessage());
        }
    }

    /** Agents connected to this server (behind a load balancer: the reps it follows now). */
    private long agents() {
        return connections.stream().filter(c -> "agent".equals(c.attr(HttpRouter.ROLE).get())).count();
    }

    private String healthJson() {
        String storage = store.health().describe();
        return Json.mapper().createObjectNode()
                .put("status", storage.equals("ok") ? "ok" : "degraded")
                .put("store", storage)
                .put("connections", connections.size())
                .put("agents", agents())
                .put("overlays", overlays.subscribers())
                .put("eventsAccepted", ingest.accepted())
                .put("eventsRejected", ingest.rejected())
                .put("overlayMessagesDropped", overlays.dropped())
                .toString();
    }

    /** Stops accepting, tells every WebSocket peer the server is going away, lets writes flush, then stops. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        for (Channel ch : connections) {
            if (ch.pipeline().get("ws-protocol") != null) {
                ch.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server shutting down"));
            }
        }
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        housekeeping.shutdownNow();
        blocking.shutdown();
        try {
            blocking.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close(); // waits for queued writes
    }
}
