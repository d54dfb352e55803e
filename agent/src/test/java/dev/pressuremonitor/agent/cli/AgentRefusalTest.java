package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent a team server will not let in says so once, in the server's words, with the way to fix it. */
class AgentRefusalTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anUnknownTokenIsReportedOnceWithTheServersReasonAndTheFix(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), AnalyzeCommandTest.CALL);
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true)
                .withDb("jdbc:sqlite:" + dir.resolve("server.db")))) {
            CliTest r = CliTest.run("", "agent", "--server", "ws://127.0.0.1:" + server.port(), "--token", "pm_not_a_real_token_123",
                    "--input", call.toString(), "--speed", "0", "--outbox", dir.resolve("outbox").toString(), "--rep", "ana");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("pressure-monitor: the server refused this agent (HTTP 401): missing or unknown agent token:"
                    + " create one with 'pressure-monitor token create --rep NAME --team NAME' and pass it with --token or PRESSURE_MONITOR_TOKEN\n");
        }
    }
}
