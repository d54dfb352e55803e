package dev.pressuremonitor.server.http;

import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.ingest.AgentFrameHandler;
import dev.pressuremonitor.server.ingest.IngestService;
import dev.pressuremonitor.server.overlay.OverlayFrameHandler;
import dev.pressuremonitor.server.overlay.OverlayHub;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * First handler after HTTP decoding: serves the overlay page and health check, and turns WebSocket upgrades on
 * /ws/agent and /ws/overlay into the matching pipeline. Thin: the work is in the services it hands off to.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    public static final String AGENT_PATH = "/ws/agent";
    public static final String OVERLAY_PATH = "/ws/overlay";
    private static final Pattern REP = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** What a WebSocket connection is: "agent" or "overlay". */
    public static final io.netty.util.AttributeKey<String> ROLE = io.netty.util.AttributeKey.valueOf("pm.role");

    private final ServerConfig config;
    private final IngestService ingest;
    private final OverlayHub overlays;
    private final StaticAssets assets;
    private final Health health;
    private final java.util.List<HttpApi> apis;
    private final java.util.function.BiConsumer<String, io.netty.channel.Channel> agentJoined;
    private final java.util.concurrent.Executor blocking;
    private final dev.pressuremonitor.server.access.AccessControl access;
    private final dev.pressuremonitor.server.access.ConnectionCounter connections;
    private final dev.pressuremonitor.server.access.HostCheck hosts;
    private final dev.pressuremonitor.server.access.TokenRates rates;
    private final dev.pressuremonitor.server.team.TeamMetrics metrics;
    /** What each upgraded connection's WebSocket handler is given: built once, as every agent's (and overlay's) is the same. */
    private final WebSocketServerProtocolConfig agentProtocol;
    private final WebSocketServerProtocolConfig overlayProtocol;
    /** The principal of a WebSocket connection. */
    public static final io.netty.util.AttributeKey<dev.pressuremonitor.server.access.Principal> PRINCIPAL = io.netty.util.AttributeKey.valueOf("pm.principal");

    /** What /healthz reports. */
    public interface Health {
        String json();
    }

    /** @param blocking where API routes run, so database reads never hold up the event loop */
    public HttpRouter(ServerConfig config, IngestService ingest, OverlayHub overlays, StaticAssets assets, Health health,
                      java.util.List<HttpApi> apis, java.util.concurrent.Executor blocking,
                      dev.pressuremonitor.server.access.AccessControl access, dev.pressuremonitor.server.access.ConnectionCounter connections,
                      dev.pressuremonitor.server.team.TeamMetrics metrics, dev.pressuremonitor.server.access.TokenRates rates) {
        this(config, ingest, overlays, assets, health, apis, blocking, access, connections, metrics, rates, (team, ch) -> {});
    }

    /** @param agentJoined told of each agent connection and its team once connected (the team's settings go out on it) */
    public HttpRouter(ServerConfig config, IngestService ingest, OverlayHub overlays, StaticAssets assets, Health health,
                      java.util.List<HttpApi> apis, java.util.concurrent.Executor blocking,
                      dev.pressuremonitor.server.access.AccessControl access, dev.pressuremonitor.server.access.ConnectionCounter connections,
                      dev.pressuremonitor.server.team.TeamMetrics metrics, dev.pressuremonitor.server.access.TokenRates rates,
                      java.util.function.BiConsumer<String, io.netty.channel.Channel> agentJoined) {
        this.agentJoined = agentJoined;
        this.access = access;
        this.rates = rates;
        this.hosts = new dev.pressuremonitor.server.access.HostCheck(config.host(), config.allowedHosts());
        this.connections = connections;
        this.metrics = metrics;
        this.config = config;
        this.ingest = ingest;
        this.overlays = overlays;
        this.assets = assets;
        this.health = health;
        this.apis = apis;
        this.blocking = blocking;
        this.agentProtocol = protocol(config, AGENT_PATH);
        this.overlayProtocol = protocol(config, OVERLAY_PATH);
    }

    private static WebSocketServerProtocolConfig protocol(ServerConfig config, String path) {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true)
                .handleCloseFrames(true)
                .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxFrameBytes())
                        .allowExtensions(true)
                        .withUTF8Validator(true)
                        // WebSocketErrors closes, after the close frame, letting the peer read it (not a reset)
                        .closeOnProtocolViolation(false)
                        .build())
                .build();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            HttpResponses.error(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request: " + req.decoderResult().cause().getMessage());
            return;
        }
        String host = req.headers().get(HttpHeaderNames.HOST);
        if (!access.required() && !hosts.allows(host)) {
            metrics.refused("host");
            HttpResponses.error(ctx, false, HttpResponseStatus.FORBIDDEN, "this server does not answer to the name '" + host
                    + "' (a page whose name was made to point at this machine): open it as http://127.0.0.1 or http://localhost,"
                    + " or start it with --allow-host NAME");
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        if (isUpgrade(req)) {
            upgradeRequest(ctx, req, uri, path);
            return;
        }
        boolean post = req.method().equals(HttpMethod.POST) && path.startsWith("/api/");
        if (!post && !req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, req.method() + " is not supported here: use GET (POST only to /api/...)");
            return;
        }
        if (post && !postAllowed(ctx, req, keepAlive)) return;
        if (path.equals("/healthz")) {
            HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, health.json());
            return;
        }
        if (path.startsWith("/api/") || path.startsWith("/calls/") || path.equals("/team") || path.equals("/team/rules") || path.startsWith("/reps/") || path.equals("/metrics")) {
            serveApi(ctx, req, uri, keepAlive);
            return;
        }
        StaticAssets.Asset asset = assets.find(path);
        if (asset != null) {
            HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK, asset.contentType(), asset.body());
            return;
        }
        HttpResponses.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "nothing at " + path);
    }

    private void upgradeRequest(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, String path) {
        if (!path.equals(AGENT_PATH) && !path.equals(OVERLAY_PATH)) {
            HttpResponses.error(ctx, false, HttpResponseStatus.NOT_FOUND, "no WebSocket at " + path + ": use " + AGENT_PATH + " or " + OVERLAY_PATH + "?rep=NAME");
            return;
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (!originAllowed(origin, req.headers().get(HttpHeaderNames.HOST))) {
            metrics.refused("origin");
            HttpResponses.error(ctx, false, HttpResponseStatus.FORBIDDEN, "WebSocket from origin " + origin
                    + " refused: only this server's own pages (or origins allowed with --allow-origin) may connect");
            return;
        }
        boolean agent = path.equals(AGENT_PATH);
        String rep = null;
        if (!agent) {
            List<String> reps = uri.parameters().get("rep");
            if (reps == null || reps.size() != 1 || !REP.matcher(reps.get(0)).matches()) {
                HttpResponses.error(ctx, false, HttpResponseStatus.BAD_REQUEST,
                        "overlay needs ?rep=NAME (letters, digits, '.', '_' or '-', at most 64): open the URL that 'pressure-monitor run' printed");
                return;
            }
            rep = reps.get(0);
        }
        // agents send their token in a header; a browser cannot, so overlays carry a viewer token in the query
        String token = agent ? bearer(req) : single(uri, "token");
        var who = authenticate(ctx, token, false);
        if (who == null) return;
        if (who.isEmpty()) {
            metrics.refused("auth");
            HttpResponses.error(ctx, false, HttpResponseStatus.UNAUTHORIZED, agent
                    ? "missing or unknown agent token: create one with 'pressure-monitor token create --rep NAME --team NAME' and pass it with --token or PRESSURE_MONITOR_TOKEN"
                    : "missing or unknown viewer token: open the overlay address the agent printed (it carries &token=...)");
            return;
        }
        var principal = who.get();
        boolean fits = principal.isLocal()
                || (agent && principal.kind() == dev.pressuremonitor.server.access.Principal.Kind.AGENT)
                || (!agent && principal.kind() == dev.pressuremonitor.server.access.Principal.Kind.VIEWER && principal.rep().equals(rep));
        if (!fits) {
            metrics.refused("auth");
            HttpResponses.error(ctx, false, HttpResponseStatus.FORBIDDEN, agent ? "this token is not an agent token"
                    : "this viewer token does not belong to rep '" + rep + "'");
            return;
        }
        String misnamed = principal.isLocal() ? null : addressMismatch(uri, principal, agent);
        if (misnamed != null) {
            metrics.refused("auth");
            HttpResponses.error(ctx, false, HttpResponseStatus.FORBIDDEN, misnamed);
            return;
        }
        String key = principal.isLocal() ? "local" : dev.pressuremonitor.server.access.Tokens.hash(token);
        int max = config.limits().connectionsPerToken() * (agent ? 1 : 2);
        if (!principal.isLocal() && !connections.tryAcquire(key, max)) {
            metrics.refused("connections");
            HttpResponses.error(ctx, false, HttpResponseStatus.TOO_MANY_REQUESTS, "this token already has " + max
                    + " open connections: close one (an old tab or a stuck agent) and try again");
            return;
        }
        if (!principal.isLocal()) ctx.channel().closeFuture().addListener(f -> connections.release(key));
        ctx.channel().attr(PRINCIPAL).set(principal);
        ctx.channel().attr(ROLE).set(agent ? "agent" : "overlay");
        // a token speaks for its own team; on a local server the address names the team if it likes
        String team = principal.isLocal() ? single(uri, "team") : principal.team();
        if (agent) {
            var rate = principal.isLocal() ? rates.forConnection() : rates.forToken(key);
            upgrade(ctx, req, agentProtocol, new AgentFrameHandler(ingest, principal, rate, rates.perSecond(), metrics,
                    ch -> { if (team != null) agentJoined.accept(team, ch); }));
        } else {
            upgrade(ctx, req, overlayProtocol, new OverlayFrameHandler(overlays, team, rep, config.overlayBacklog()));
        }
    }

    /**
     * The rep and team in a WebSocket address pick the server behind a load balancer (deploy/haproxy.cfg), so they
     * must be the token's own: otherwise a rep's agent and overlay could land on different servers. Both are
     * optional (one server needs neither); a value that is there must match. Null when the address fits.
     */
    static String addressMismatch(QueryStringDecoder uri, dev.pressuremonitor.server.access.Principal who, boolean agent) {
        String rep = other(uri, "rep", who.rep());
        String team = other(uri, "team", who.team());
        boolean repFits = rep == null;
        boolean teamFits = team == null;
        if (repFits && teamFits) return null;
        return "this " + (agent ? "agent" : "viewer") + " token is for rep '" + who.rep() + "' of team '" + who.team()
                + "' but the address names " + (repFits ? "" : "rep '" + rep + "'") + (repFits || teamFits ? "" : " of ")
                + (teamFits ? "" : "team '" + team + "'") + ": " + (agent
                ? "start the agent with --rep and --team matching its token" : "open the overlay address made for this rep (rep=...&team=...)");
    }

    /** A value of parameter {@code name} other than {@code expected} (a repeated parameter counts each time); null if none. */
    private static String other(QueryStringDecoder uri, String name, String expected) {
        List<String> v = uri.parameters().get(name);
        if (v == null) return null;
        return v.stream().filter(x -> !x.equals(expected)).findFirst().orElse(null);
    }

    /** The token's principal, empty if unknown; null when it could not be checked (503 already answered). */
    private java.util.Optional<dev.pressuremonitor.server.access.Principal> authenticate(ChannelHandlerContext ctx, String token, boolean keepAlive) {
        try {
            return access.authenticate(token);
        } catch (dev.pressuremonitor.server.access.AccessControl.Unavailable e) {
            metrics.refused("auth-unavailable");
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return null;
        }
    }

    boolean originAllowed(String origin, String host) {
        if (origin == null) return true; // not a browser: agents and tools authenticate with tokens
        if (config.allowedOrigins().contains(origin)) return true;
        try {
            java.net.URI o = new java.net.URI(origin);
            if (o.getHost() == null || host == null) return false;
            String authority = o.getHost() + (o.getPort() > 0 ? ":" + o.getPort() : "");
            return authority.equalsIgnoreCase(host);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String bearer(FullHttpRequest req) {
        String h = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
    }

    private static String single(QueryStringDecoder uri, String name) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.size() != 1 ? null : v.get(0);
    }

    /**
     * A POST changes something with the caller's token, so it must be JSON (a form of another site cannot send that
     * without the browser asking first, and this server never says yes) and, from a browser, come from this server's
     * own pages. False when refused (answered here).
     */
    private boolean postAllowed(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive) {
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as JSON with 'Content-Type: application/json'");
            return false;
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (!originAllowed(origin, req.headers().get(HttpHeaderNames.HOST))) {
            metrics.refused("origin");
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.FORBIDDEN, "a POST from a page of " + origin
                    + " is refused: only this server's own pages (or origins allowed with --allow-origin) may change anything");
            return false;
        }
        return true;
    }

    private void serveApi(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, boolean keepAlive) {
        String token = bearer(req);
        if (token == null) token = single(uri, "token");
        var who = authenticate(ctx, token, keepAlive);
        if (who == null) return;
        if (who.isEmpty()) {
            metrics.refused("auth");
            if (isPage(uri.path())) {
                HttpResponses.send(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED, "text/html; charset=utf-8", utf8(dev.pressuremonitor.server.calls.Html.errorPage(401,
                        "This address has no token, or one the server does not know. Open the link you were given (it ends in ?token=...);"
                                + " a manager gets a team token and a rep a viewer token from 'pressure-monitor token create'.")));
                return;
            }
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED,
                    "missing or unknown token: pass a viewer or team token as 'Authorization: Bearer TOKEN' or ?token=TOKEN");
            return;
        }
        var principal = who.get();
        if (principal.kind() == dev.pressuremonitor.server.access.Principal.Kind.OPERATOR && !uri.path().equals("/metrics")) {
            metrics.refused("auth");
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.FORBIDDEN,
                    "an operator token reads /metrics and nothing else: use a viewer or team token for " + uri.path());
            return;
        }
        // read now: the request is released once this handler returns
        String body = req.method().equals(HttpMethod.POST) ? req.content().toString(StandardCharsets.UTF_8) : null;
        try {
            blocking.execute(() -> {
                HttpApi.Response res = null;
                try {
                    for (HttpApi api : apis) {
                        res = body == null ? api.handle(uri, principal) : api.post(uri, body, principal);
                        if (res != null) break;
                    }
                    if (res == null) res = HttpApi.Response.error(HttpResponseStatus.NOT_FOUND, (body == null ? "nothing at " : "nothing takes a POST at ") + uri.path());
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(HttpRouter.class).error("{} failed: {}", uri.path(), e.toString());
                    res = HttpApi.Response.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "the server could not answer " + uri.path() + " (" + e.getMessage() + "): try again; the server log has details");
                }
                HttpResponses.send(ctx, keepAlive, res.status(), res.contentType(), res.body());
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            HttpResponses.error(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is busy or shutting down: try again shortly");
        }
    }

    /** Addresses a person opens in a browser: they get pages, errors included, not JSON. */
    static boolean isPage(String path) {
        return (path.startsWith("/calls/") && !path.endsWith(".md")) || path.equals("/team") || path.equals("/team/rules") || path.startsWith("/reps/");
    }

    private static boolean isUpgrade(FullHttpRequest req) {
        return req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE, ""));
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, WebSocketServerProtocolConfig protocol, io.netty.channel.ChannelHandler frames) {
        ChannelPipeline p = ctx.pipeline();
        String me = ctx.name();
        p.addAfter(me, "ws-compression", new WebSocketServerCompressionHandler(config.maxFrameBytes()));
        p.addAfter("ws-compression", "ws-control", new ControlFrames(config.limits().eventsPerSecond(), metrics::refused));
        p.addAfter("ws-control", "ws-protocol", new WebSocketServerProtocolHandler(protocol));
        p.addAfter("ws-protocol", "ws-aggregator", new WebSocketFrameAggregator(config.maxFrameBytes()));
        p.addAfter("ws-aggregator", "ws-frames", frames);
        RequestDeadline.remove(p); // from here on, frames: the keep-alive watches them
        // the upgrade is the last HTTP request this connection makes; the protocol handler takes it from here
        p.remove(me);
        ctx.fireChannelRead(req.retain());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the WebSocket decoder has already sent the close frame with its status (1007, 1009, ...)
        if (!(cause instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException)) {
            org.slf4j.LoggerFactory.getLogger(getClass()).debug("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
