package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** "Cannot check your token now" (503) is not "unknown token" (401): the agent keeps trying and delivers later. */
class TokenCheckRetryTest {

    static void sql(String db, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anAgentWhoseTokenCannotBeCheckedRetriesUntilItCan(@TempDir Path dir) throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("calls.db");
        List<String> notices = new CopyOnWriteArrayList<>();
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true).withDb(db))) {
            String token = server.store().createToken(Principal.Kind.AGENT, "ana", "emea");
            sql(db, "ALTER TABLE tokens RENAME TO tokens_away");
            try (AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + server.port()), Outbox.inMemory(100), token, notices::add,
                    AgentClientDeliveryTest.QUICK)) {
                client.accept(new Envelope("c1", 1, 1, new CallStarted("ana", "emea", 1, true)));
                await().atMost(Duration.ofSeconds(20)).until(() -> !notices.isEmpty());
                assertThat(notices.get(0)).contains("HTTP 503").contains("retrying");
                assertThat(client.refusal()).as("not a verdict on the token").isNull();

                sql(db, "ALTER TABLE tokens_away RENAME TO tokens");
                assertThat(client.awaitDelivered(Duration.ofSeconds(30))).isTrue();
                assertThat(server.ingest().accepted()).isEqualTo(1);
            }
        }
    }
}
