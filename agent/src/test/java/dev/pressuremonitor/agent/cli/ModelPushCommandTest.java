package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.publish.TeamModelFiles;
import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code model push}: a team's refitted model into the server's database, only when it checks out. */
class ModelPushCommandTest {
    @Test
    void anAcceptedModelBecomesTheTeamsModel(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("emea-model.json"), TeamModelFiles.of("emea", true));

        CliTest r = CliTest.run("", "model", "push", "--team", "emea", file.toString(), "--data", dir.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("team 'emea' now uses model").contains("agents get it when they next start");
        try (CallStore s = CliTest.store(dir)) {
            assertThat(s.teamSettings().activeModel("emea")).isPresent();
        }
    }

    @Test
    void aRefitTrainRefusedIsNotPushedAndTheTeamKeepsItsModel(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("bad.json"), TeamModelFiles.of("emea", false));

        CliTest r = CliTest.run("", "model", "push", "--team", "emea", file.toString(), "--data", dir.toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("not stored").contains("'train' refused this refit").contains("train again");
        try (CallStore s = CliTest.store(dir)) {
            assertThat(s.teamSettings().activeModel("emea")).isEmpty();
        }
    }

    @Test
    void aModelOfAnotherTeamIsNotPushed(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("apac.json"), TeamModelFiles.of("apac", true));

        CliTest r = CliTest.run("", "model", "push", "--team", "emea", file.toString(), "--data", dir.toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("refitted for team 'apac', not 'emea'");
    }
}
