package dev.pressuremonitor.server;

import java.time.Duration;

/**
 * How the server listens and what it tolerates. The defaults are chosen, not inherited: frames carry one event
 * (a few hundred bytes), so 64 KiB is generous; overlays that lag lose old messages, never stall ingest.
 *
 * @param host               bind address; loopback unless a team server asks for more
 * @param port               0 picks a free port
 * @param maxFrameBytes      largest WebSocket message accepted (close 1009 beyond it)
 * @param handshakeTimeout   a WebSocket upgrade that does not finish in time is closed
 * @param pingEvery          a ping goes out after this much writer idleness
 * @param closeIfSilentFor   a peer that sends nothing (not even a pong) this long is closed
 * @param overlayBacklog     messages kept for an overlay that cannot take them yet
 */
public record ServerConfig(String host, int port, int maxFrameBytes, Duration handshakeTimeout,
                           Duration pingEvery, Duration closeIfSilentFor, int overlayBacklog) {

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8425, 64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(60), 256);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, maxFrameBytes, handshakeTimeout, pingEvery, closeIfSilentFor, overlayBacklog);
    }
}
