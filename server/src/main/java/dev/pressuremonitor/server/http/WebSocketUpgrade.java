package dev.pressuremonitor.server.http;

import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.ingest.AgentFrameHandler;
import dev.pressuremonitor.server.ingest.IngestService;
import dev.pressuremonitor.server.overlay.OverlayFrameHandler;
import dev.pressuremonitor.server.overlay.OverlayHub;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A request to open a WebSocket on /ws/agent or /ws/overlay: the page it comes from, the token and whose it is, the
 * rep and team its address names, the token's connections; then the connection's pipeline turned into the agent's
 * or the overlay's. Every refusal is answered with its reason and its fix.
 */
final class WebSocketUpgrade {
    private static final Pattern REP = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final ServerConfig config;
    private final IngestService ingest;
    private final OverlayHub overlays;
    private final Callers callers;
    private final dev.pressuremonitor.server.access.ConnectionCounter connections;
    private final dev.pressuremonitor.server.team.TeamMetrics metrics;
    private final dev.pressuremonitor.server.access.TokenRates rates;
    private final java.util.function.BiConsumer<String, io.netty.channel.Channel> agentJoined;
    /** What each upgraded connection's WebSocket handler is given: built once, as every agent's (and overlay's) is the same. */
    private final WebSocketServerProtocolConfig agentProtocol;
    private final WebSocketServerProtocolConfig overlayProtocol;

    WebSocketUpgrade(ServerConfig config, IngestService ingest, OverlayHub overlays, Callers callers,
                     dev.pressuremonitor.server.access.ConnectionCounter connections, dev.pressuremonitor.server.team.TeamMetrics metrics,
                     dev.pressuremonitor.server.access.TokenRates rates, java.util.function.BiConsumer<String, io.netty.channel.Channel> agentJoined) {
        this.config = config;
        this.ingest = ingest;
        this.overlays = overlays;
        this.callers = callers;
        this.connections = connections;
        this.metrics = metrics;
        this.rates = rates;
        this.agentJoined = agentJoined;
        this.agentProtocol = protocol(config, HttpRouter.AGENT_PATH);
        this.overlayProtocol = protocol(config, HttpRouter.OVERLAY_PATH);
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

    /** A request to open a WebSocket at {@code path}: refused with the reason, or the connection's pipeline made a WebSocket one. */
    void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, String path) {
        if (!path.equals(HttpRouter.AGENT_PATH) && !path.equals(HttpRouter.OVERLAY_PATH)) {
            HttpResponses.error(ctx, false, HttpResponseStatus.NOT_FOUND, "no WebSocket at " + path + ": use " + HttpRouter.AGENT_PATH + " or " + HttpRouter.OVERLAY_PATH + "?rep=NAME");
            return;
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (!callers.originAllowed(origin, req.headers().get(HttpHeaderNames.HOST))) {
            metrics.refused("origin");
            HttpResponses.error(ctx, false, HttpResponseStatus.FORBIDDEN, "WebSocket from origin " + origin
                    + " refused: only this server's own pages (or origins allowed with --allow-origin) may connect");
            return;
        }
        boolean agent = path.equals(HttpRouter.AGENT_PATH);
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
        String token = agent ? Callers.bearer(req) : Callers.single(uri, "token");
        var who = callers.authenticate(ctx, token, false);
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
        ctx.channel().attr(HttpRouter.PRINCIPAL).set(principal);
        ctx.channel().attr(HttpRouter.ROLE).set(agent ? "agent" : "overlay");
        // a token speaks for its own team; on a local server the address names the team if it likes
        String team = principal.isLocal() ? Callers.single(uri, "team") : principal.team();
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
}
