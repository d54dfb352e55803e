package dev.pressuremonitor.server.http;

import dev.pressuremonitor.server.ServerConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;

/**
 * Who is asking, as the HTTP routes and the WebSocket upgrades both need to know: the page a browser request comes
 * from, the token it carries, and whose that token is.
 */
final class Callers {
    private final ServerConfig config;
    private final dev.pressuremonitor.server.access.AccessControl access;
    private final dev.pressuremonitor.server.team.TeamMetrics metrics;

    Callers(ServerConfig config, dev.pressuremonitor.server.access.AccessControl access, dev.pressuremonitor.server.team.TeamMetrics metrics) {
        this.config = config;
        this.access = access;
        this.metrics = metrics;
    }

    /** The token's principal, empty if unknown; null when it could not be checked (503 already answered). */
    java.util.Optional<dev.pressuremonitor.server.access.Principal> authenticate(ChannelHandlerContext ctx, String token, boolean keepAlive) {
        try {
            return access.authenticate(token);
        } catch (dev.pressuremonitor.server.access.AccessControl.Unavailable e) {
            metrics.refused("auth-unavailable");
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return null;
        }
    }

    /** Whether a request from a page of {@code origin} may act here: no origin (not a browser), an allowed one, or this server's own. */
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

    /** The token of an {@code Authorization: Bearer} header, or null. */
    static String bearer(FullHttpRequest req) {
        String h = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
    }

    /** The value of a parameter given exactly once, or null. */
    static String single(QueryStringDecoder uri, String name) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.size() != 1 ? null : v.get(0);
    }
}
