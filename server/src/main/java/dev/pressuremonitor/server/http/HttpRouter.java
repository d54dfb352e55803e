package dev.pressuremonitor.server.http;

import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.ingest.IngestService;
import dev.pressuremonitor.server.overlay.OverlayHub;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;

/**
 * First handler after HTTP decoding: serves the overlay page and health check, hands the API and page routes to
 * their services, and WebSocket upgrades on /ws/agent and /ws/overlay to {@link WebSocketUpgrade}. Thin: the work
 * is in what it hands off to.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    public static final String AGENT_PATH = "/ws/agent";
    public static final String OVERLAY_PATH = "/ws/overlay";
    /** What a WebSocket connection is: "agent" or "overlay". */
    public static final io.netty.util.AttributeKey<String> ROLE = io.netty.util.AttributeKey.valueOf("pm.role");

    private final StaticAssets assets;
    private final Health health;
    private final java.util.List<HttpApi> apis;
    private final java.util.concurrent.Executor blocking;
    private final dev.pressuremonitor.server.access.AccessControl access;
    private final dev.pressuremonitor.server.access.HostCheck hosts;
    private final dev.pressuremonitor.server.team.TeamMetrics metrics;
    private final Callers callers;
    private final WebSocketUpgrade upgrades;
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
        this.access = access;
        this.hosts = new dev.pressuremonitor.server.access.HostCheck(config.host(), config.allowedHosts());
        this.metrics = metrics;
        this.assets = assets;
        this.health = health;
        this.apis = apis;
        this.blocking = blocking;
        this.callers = new Callers(config, access, metrics);
        this.upgrades = new WebSocketUpgrade(config, ingest, overlays, callers, connections, metrics, rates, agentJoined);
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
            upgrades.handle(ctx, req, uri, path);
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
        if (!callers.originAllowed(origin, req.headers().get(HttpHeaderNames.HOST))) {
            metrics.refused("origin");
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.FORBIDDEN, "a POST from a page of " + origin
                    + " is refused: only this server's own pages (or origins allowed with --allow-origin) may change anything");
            return false;
        }
        return true;
    }

    private void serveApi(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, boolean keepAlive) {
        String token = Callers.bearer(req);
        if (token == null) token = Callers.single(uri, "token");
        var who = callers.authenticate(ctx, token, keepAlive);
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
