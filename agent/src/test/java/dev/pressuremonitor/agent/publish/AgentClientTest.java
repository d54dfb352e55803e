package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentClientTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anEventTheServerRefusesIsReportedNotRetriedForever() throws Exception {
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0));
             AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + server.port()), 1000)) {
            client.accept(new Envelope("never-started", 1, 1, new CallEnded(5, "hangup")));
            assertThat(client.awaitDelivered(Duration.ofSeconds(15))).isTrue();
            assertThat(client.serverErrors()).containsExactly("unknown call 'never-started': send call_started first");
            assertThat(client.refusalOf("never-started")).isEqualTo("event 1: unknown call 'never-started': send call_started first");
        }
    }

    @Test
    void aServerGivenWithoutAPathIsReachedAtTheAgentPath() {
        try (AgentClient bare = new AgentClient(URI.create("ws://127.0.0.1:9"), 10);
             AgentClient slash = new AgentClient(URI.create("ws://127.0.0.1:9/"), 10);
             AgentClient proxied = new AgentClient(URI.create("ws://127.0.0.1:9/pm/agent"), 10)) {
            assertThat(bare.server()).isEqualTo(URI.create("ws://127.0.0.1:9/ws/agent"));
            assertThat(slash.server()).isEqualTo(URI.create("ws://127.0.0.1:9/ws/agent"));
            assertThat(proxied.server()).isEqualTo(URI.create("ws://127.0.0.1:9/pm/agent"));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWssServerIsSpokenToInTlsNotPlainText() throws Exception {
        try (ServerSocket port = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             AgentClient client = new AgentClient(URI.create("wss://127.0.0.1:" + port.getLocalPort()), 10)) {
            port.setSoTimeout(20_000);
            try (java.net.Socket agent = port.accept()) {
                byte[] first = agent.getInputStream().readNBytes(2);
                assertThat(first).as("a TLS handshake record, not 'GET /ws/agent HTTP/1.1' with the token in clear")
                        .containsExactly(0x16, 0x03);
            }
        }
    }

    @Test
    void anAddressWithoutAPortIsReachedOnItsSchemesPort() {
        assertThat(AgentClient.port(URI.create("wss://pm.example.com/ws/agent"))).isEqualTo(443);
        assertThat(AgentClient.port(URI.create("ws://pm.example.com/ws/agent"))).isEqualTo(80);
        assertThat(AgentClient.port(URI.create("wss://pm.example.com:8443/ws/agent"))).isEqualTo(8443);
    }

    @Test
    void onlyWebSocketUrlsAreAccepted() {
        assertThatThrownBy(() -> new AgentClient(URI.create("http://127.0.0.1:8425"), 10))
                .hasMessageContaining("--server must be a ws:// URL");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void whenTheOutboxIsFullItSaysSoOnceAndKeepsTheEarliestEvents(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.util.List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        // a port held by a socket that never answers: nothing is ever confirmed
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + silent.getLocalPort()), Outbox.open(dir, 3), null, notices::add)) {
            client.accept(new Envelope("c1", 1, 1, new CallStarted("ana", "", 1, false)));
            for (long seq = 2; seq <= 6; seq++) client.accept(new Envelope("c1", seq, seq, new CallEnded(seq, "hangup")));
            org.awaitility.Awaitility.await().until(() -> client.notKept() == 3);
            assertThat(notices).hasSize(1);
            assertThat(notices.get(0)).contains("newer events are not kept").contains("nudges still show here");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerNobodyAnswersOnIsToldToTheRepOnceWithWhyAndItsReturnToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        int port;
        try (ServerSocket reserve = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = reserve.getLocalPort();
        }
        java.util.List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        AgentClient.Timing quick = new AgentClient.Timing(Duration.ofMillis(20), Duration.ofMillis(100),
                AgentClient.Timing.DEFAULT.retryAfter(), AgentClient.Timing.DEFAULT.perSecond());
        try (AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + port), Outbox.open(dir, 100), null, notices::add, quick)) {
            client.accept(new Envelope("c1", 1, 1, new CallStarted("ana", "", 1, false)));
            org.awaitility.Awaitility.await().until(() -> client.unreachable() != null);
            assertThat(client.unreachable()).isEqualTo("connection refused by 127.0.0.1:" + port);
            assertThat(notices).containsExactly("cannot reach the server at ws://127.0.0.1:" + port + "/ws/agent (connection refused by 127.0.0.1:"
                    + port + "): the call's events wait in the outbox and are sent when it answers; trying again");
            try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(port))) {
                assertThat(client.awaitDelivered(Duration.ofSeconds(15))).isTrue();
                assertThat(client.unreachable()).isNull();
                assertThat(notices).hasSize(2).last().isEqualTo("reached the server at ws://127.0.0.1:" + port + "/ws/agent: sending what waited");
            }
        }
    }

    @Test
    void aFailedConnectionIsDescribedInWordsAnAdminCanActOn() {
        URI server = URI.create("wss://pm.example/ws/agent");
        assertThat(AgentClient.describe(new io.netty.channel.ConnectTimeoutException("connection timed out after 3000 ms"), server))
                .isEqualTo("no connection to pm.example:443 within 3 s");
        assertThat(AgentClient.describe(new java.net.ConnectException("Connection refused"), server)).isEqualTo("connection refused by pm.example:443");
        assertThat(AgentClient.describe(new java.net.UnknownHostException("pm.example"), server)).isEqualTo("cannot resolve host pm.example");
    }
}
