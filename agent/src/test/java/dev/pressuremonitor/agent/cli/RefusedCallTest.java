package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Principal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent whose call the server refused says so and fails: no report link, no exit status 0. A rep the token is not
 * for is refused when the agent connects (its address names the rep), with the reason and the fix.
 */
@Tag("process") // starts pressure-monitor JVMs: left out of mutation testing
class RefusedCallTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anAgentWhoseCallWasRefusedSaysSoAndExitsNonZero(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), new VoskLines().say("rep", 1, "are you ready to sign today").toString());
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true)
                .withDb("jdbc:sqlite:" + dir.resolve("calls.db")))) {
            String anasToken = server.store().createToken(Principal.Kind.AGENT, "ana", "emea");
            Path log = dir.resolve("agent.log");
            // ana's token, but the agent speaks for ben: the server refuses it
            Process agent = ServerProcess.java(log, PressureMonitor.class, "agent", "--server", "ws://127.0.0.1:" + server.port(),
                    "--token", anasToken, "--rep", "ben", "--team", "emea", "--input", call.toString(), "--speed", "0",
                    "--outbox", dir.resolve("outbox").toString());
            assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(log);
            assertThat(agent.exitValue()).as(out).isNotZero();
            assertThat(out).doesNotContain("report:").contains("the server refused this agent (HTTP 403)")
                    .contains("token is for rep 'ana' of team 'emea' but the address names rep 'ben'").contains("--rep and --team matching its token");
        }
    }
}
