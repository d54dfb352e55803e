package dev.pressuremonitor.agent.publish;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The agent's WebSocket address names its rep and team ({@code ws://host:8425/ws/agent?rep=ana&team=emea}), so a
 * load balancer in front of several servers can send a rep's agent and overlays to the same one; the server checks
 * both against the token.
 */
public final class AgentAddress {
    private AgentAddress() {}

    /** {@code server} (ws://host:port, or with a path) with {@code /ws/agent} when it has no path, and rep and team added. */
    public static URI of(URI server, String rep, String team) {
        if (!"ws".equals(server.getScheme()) && !"wss".equals(server.getScheme())) return server; // the client says what is wrong
        String path = server.getRawPath() == null || server.getRawPath().isEmpty() || server.getRawPath().equals("/")
                ? "/ws/agent" : server.getRawPath();
        StringBuilder query = new StringBuilder();
        if (server.getRawQuery() != null && !server.getRawQuery().isEmpty()) query.append(server.getRawQuery()).append('&');
        query.append("rep=").append(encode(rep));
        if (team != null && !team.isEmpty()) query.append("&team=").append(encode(team));
        String authority = server.getRawAuthority() == null ? "" : server.getRawAuthority();
        return URI.create(server.getScheme() + "://" + authority + path + "?" + query);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
