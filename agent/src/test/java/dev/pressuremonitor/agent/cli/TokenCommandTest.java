package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.access.Tokens;
import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCommandTest {

    @Test
    void printsANewTokenOnceAndStoresOnlyItsHash(@TempDir Path dir) throws Exception {
        CliTest r = CliTest.run("", "token", "create", "--rep", "ana", "--team", "emea", "--data", dir.toString());
        assertThat(r.code()).isZero();
        String token = r.out().strip();
        assertThat(token).matches("pm_[A-Za-z0-9_-]{43}");
        assertThat(r.err()).contains("created an agent token for ana in team emea: store it now, it cannot be shown again");
        try (CallStore store = CliTest.store(dir)) {
            assertThat(store.findToken(Tokens.hash(token))).contains(new Principal(Principal.Kind.AGENT, "ana", "emea"));
        }
        assertThat(Files.readAllBytes(dir.resolve("pressure-monitor.db"))).asString().doesNotContain(token);
    }

    @Test
    void aRepNameAlreadyUsedInAnotherTeamIsCreatedWithAWarningThatItIsAnotherPerson(@TempDir Path dir) throws Exception {
        assertThat(CliTest.run("", "token", "create", "--rep", "ana", "--team", "apac", "--data", dir.toString()).code()).isZero();
        CliTest r = CliTest.run("", "token", "create", "--rep", "ana", "--team", "emea", "--data", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning: team apac already has a rep called 'ana'", "ana of emea is a different person",
                "give them a token in the team they already have");
        try (CallStore store = CliTest.store(dir)) {
            assertThat(store.findToken(Tokens.hash(r.out().strip()))).contains(new Principal(Principal.Kind.AGENT, "ana", "emea"));
        }
    }

    @Test
    void moreTokensForARepOfTheSameTeamWarnOfNothing(@TempDir Path dir) {
        assertThat(CliTest.run("", "token", "create", "--rep", "ana", "--team", "emea", "--data", dir.toString()).code()).isZero();
        CliTest r = CliTest.run("", "token", "create", "--kind", "viewer", "--rep", "ana", "--team", "emea", "--data", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).doesNotContain("warning").contains("created a viewer token for ana in team emea");
    }

    @Test
    void aTeamTokenIsForTheWholeTeamNotForTheRepNamedWithIt(@TempDir Path dir) throws Exception {
        CliTest r = CliTest.run("", "token", "create", "--kind", "team", "--rep", "ana", "--team", "emea", "--data", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("created a team token in team emea: store it now").doesNotContain("ana");
        try (CallStore store = CliTest.store(dir)) {
            assertThat(store.findToken(Tokens.hash(r.out().strip()))).contains(new Principal(Principal.Kind.TEAM, "*", "emea"));
        }
    }

    @Test
    void aViewerTokenNeedsARep(@TempDir Path dir) {
        CliTest r = CliTest.run("", "token", "create", "--kind", "viewer", "--team", "emea", "--data", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--rep NAME is required for viewer tokens");
    }

    @Test
    void anUnknownKindSaysWhichExist(@TempDir Path dir) {
        CliTest r = CliTest.run("", "token", "create", "--kind", "admin", "--team", "emea", "--data", dir.toString());
        assertThat(r.err()).contains("--kind must be agent, viewer, team or operator");
    }

    @Test
    void anOperatorTokenForPrometheusNeedsNoTeam(@TempDir Path dir) throws Exception {
        CliTest r = CliTest.run("", "token", "create", "--kind", "operator", "--data", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("operator token (reads /metrics only)");
        try (CallStore store = CliTest.store(dir)) {
            assertThat(store.findToken(Tokens.hash(r.out().strip()))).contains(new Principal(Principal.Kind.OPERATOR, "*", "*"));
        }
    }

    @Test
    void otherTokensStillNeedATeam(@TempDir Path dir) {
        CliTest r = CliTest.run("", "token", "create", "--rep", "ana", "--data", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--team NAME is required for agent tokens");
    }

    @Test
    void aServerOpenToTheNetworkCannotRunWithoutTokens(@TempDir Path dir) {
        CliTest r = CliTest.run("", "server", "--host", "0.0.0.0", "--port", "0", "--no-auth", "--data", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--no-auth is only allowed with a loopback --host");
    }
}
