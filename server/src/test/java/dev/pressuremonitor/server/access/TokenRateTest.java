package dev.pressuremonitor.server.access;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event rate belongs to the token: more connections of one token share it. */
class TokenRateTest {
    static final int PER_SECOND = 5; // bursts up to 10
    PressureServer server;
    String token;

    @BeforeEach
    void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true)
                .withLimits(new ServerConfig.Limits(4, PER_SECOND, 3, 100)));
        token = server.store().createToken(Principal.Kind.AGENT, "ana", "emea");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static void send(Clients.Socket s) throws Exception {
        try {
            s.ws.sendText("{}", true).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | IllegalStateException closing) {
            // the server is closing this one: that is what the test waits for
        }
    }

    @Test
    void twoConnectionsOfOneTokenShareItsRate() throws Exception {
        Clients.Socket a = Clients.connect(server.port(), "/ws/agent", token, null);
        Clients.Socket b = Clients.connect(server.port(), "/ws/agent", token, null);
        // each sends less than a burst; together they send more than one
        for (int i = 0; i < 8; i++) {
            send(a);
            send(b);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> a.closed.isDone() || b.closed.isDone());
        String closed = a.closed.isDone() ? a.closed.get() : b.closed.get();
        assertThat(closed).startsWith("1008 more than " + PER_SECOND + " events a second from this token");
    }
}
