package dev.pressuremonitor.server.access;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.http.RawWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server without tokens (loopback only) against a page on another name that was made to resolve to this
 * machine: the page's requests carry its own name as Host, and they are refused, reads and WebSockets alike.
 */
class DnsRebindingTest {
    static PressureServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAllowedHosts(java.util.List.of("pm.local")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String get(String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRebindingPageCannotReadTheCalls() throws Exception {
        String res = get("/api/calls", "rebind.evil:" + server.port());
        assertThat(res).startsWith("HTTP/1.1 403").contains("does not answer to the name 'rebind.evil:" + server.port() + "'")
                .contains("--allow-host").doesNotContain("\"calls\"");
        assertThat(server.metrics().scrape()).contains("pm_refused_total{limit=\"host\"}");
    }

    @Test
    void aRebindingPageCannotOpenAnAgentSocket() {
        String origin = "Origin: http://rebind.evil:" + server.port() + "\r\n";
        assertThatThrownBy(() -> RawWebSocket.open(server.port(), "/ws/agent", origin, 0, "rebind.evil:" + server.port()))
                .hasMessageContaining("403");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "[::1]", "pm.local"})
    void loopbackNamesAndAllowedOnesAreAnswered(String name) throws Exception {
        assertThat(get("/api/calls", name + ":" + server.port())).startsWith("HTTP/1.1 200");
    }
}
