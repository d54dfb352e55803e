package dev.pressuremonitor.server;

import java.time.Duration;

/**
 * How the server listens and what it tolerates. The defaults are chosen, not inherited: frames carry one event
 * (a few hundred bytes), so 64 KiB is generous; overlays that lag lose old messages, never stall ingest.
 *
 * @param host               bind address; loopback unless a team server asks for more
 * @param port               0 picks a free port
 * @param maxFrameBytes      largest WebSocket message accepted (close 1009 beyond it)
 * @param handshakeTimeout   an HTTP request (a WebSocket upgrade included) must arrive in full this soon after its
 *                           first byte, or it is answered 408 and closed (slowloris)
 * @param pingEvery          a peer not heard from for this long is pinged
 * @param closeIfSilentFor   a peer that sends nothing (not even a pong) this long is closed
 * @param overlayBacklog     messages kept for an overlay that cannot take them yet
 * @param db                 JDBC URL of the call store; null for a throwaway SQLite file
 * @param retentionDays      ended calls older than this are deleted (0 = keep)
 * @param metricsPerRep      tag alert metrics with the rep (capped); off by default
 * @param connections        open connections the server takes in all and from one address
 * @param allowedHosts       Host names besides loopback and the bound address that an unauthenticated server answers
 * @param abandonAfter       an open call with no new event for this long is closed by the server ("abandoned"),
 *                           counted from its last stored event, also across a restart of the server
 */
public record ServerConfig(String host, int port, int maxFrameBytes, Duration handshakeTimeout,
                           Duration pingEvery, Duration closeIfSilentFor, int overlayBacklog,
                           String db, int retentionDays, boolean metricsPerRep, boolean auth,
                           java.util.List<String> allowedOrigins, Limits limits, Connections connections,
                           java.util.List<String> allowedHosts, Duration abandonAfter) {

    /**
     * What one client may use. Over a limit the client gets a clear refusal (HTTP 429 at the handshake, close code
     * 1008 on a connection, or an error reply), and the refusal is counted in the metrics.
     */
    public record Limits(int connectionsPerToken, int eventsPerSecond, int openCallsPerRep, int openCalls) {
        public static Limits defaults() {
            return new Limits(4, 200, 3, 10_000);
        }
    }

    /**
     * Open connections (HTTP and WebSocket) the server takes in all and from one address; beyond either a new
     * connection is answered 503 or 429 and closed, and counted. The total never exceeds what the process's
     * file-descriptor limit leaves room for, so the database and the listening socket always have descriptors.
     */
    public record Connections(int total, int perAddress) {
        public Connections {
            if (total < 1 || perAddress < 1) throw new IllegalArgumentException("connection caps must be at least 1, were " + total + " and " + perAddress);
        }

        public static Connections defaults() {
            return new Connections(10_000, 256);
        }
    }

    /** Loopback, port 8425, and a throwaway database (db null): what tests and one-off runs want. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8425, 64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(60), 256, null, 0, false, false, java.util.List.of(), Limits.defaults(), Connections.defaults(), java.util.List.of(), Duration.ofHours(2));
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, auth, allowedOrigins, limits, connections, allowedHosts, abandonAfter);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, auth, allowedOrigins, limits, connections, allowedHosts, abandonAfter);
    }

    /** @param url jdbc:sqlite:FILE or jdbc:postgresql://...; null for a throwaway database */
    public ServerConfig withDb(String url) {
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, url, retentionDays, metricsPerRep, auth, allowedOrigins, limits, connections, allowedHosts, abandonAfter);
    }

    /** Ended calls older than this many days are deleted; 0 keeps everything. */
    public ServerConfig withRetentionDays(int days) {
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, days, metricsPerRep, auth, allowedOrigins, limits, connections, allowedHosts, abandonAfter);
    }

    /** Requires tokens for agents, overlays and team pages (a team server); off for a loopback-only local server. */
    public ServerConfig withAuth(boolean on) {
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, on, allowedOrigins, limits, connections, allowedHosts, abandonAfter);
    }

    /** Browser origins besides the server's own that may open WebSockets, e.g. "https://crm.example.com". */
    public ServerConfig withAllowedOrigins(java.util.List<String> origins) {
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, auth, java.util.List.copyOf(origins), limits, connections, allowedHosts, abandonAfter);
    }

    public ServerConfig withLimits(Limits l) {
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, auth, allowedOrigins, l, connections, allowedHosts, abandonAfter);
    }

    /** Pings a peer not heard from for {@code pingEvery}; closes one silent (not even a pong) for {@code closeIfSilentFor}. */
    public ServerConfig withKeepAlive(Duration pingEvery, Duration closeIfSilentFor) {
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, auth, allowedOrigins, limits, connections, allowedHosts, abandonAfter);
    }

    public ServerConfig withConnections(Connections c) {
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, auth, allowedOrigins, limits, c, allowedHosts, abandonAfter);
    }

    /** How long a request may take to arrive in full once its first byte has. */
    public ServerConfig withRequestTimeout(Duration d) {
        return new ServerConfig(host, port, maxFrameBytes, d, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, auth, allowedOrigins, limits, connections, allowedHosts, abandonAfter);
    }

    /**
     * Host names (as a browser sends them, without the port) an unauthenticated server also answers, e.g. a name
     * in /etc/hosts for 127.0.0.1. Any other name is refused: a page whose DNS name was rebound to this machine.
     */
    public ServerConfig withAllowedHosts(java.util.List<String> hosts) {
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, auth, allowedOrigins, limits, connections, java.util.List.copyOf(hosts), abandonAfter);
    }

    /** Open calls with no new event for {@code d} are closed as abandoned (2 hours unless set). */
    public ServerConfig withAbandonAfter(Duration d) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("the time after which a silent call is closed must be positive, was " + d);
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, metricsPerRep, auth, allowedOrigins, limits, connections, allowedHosts, d);
    }

    public ServerConfig withMetricsPerRep(boolean on) {
        return new ServerConfig(host, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog, db, retentionDays, on, auth, allowedOrigins, limits, connections, allowedHosts, abandonAfter);
    }
}
