package dev.pressuremonitor.server.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressuremonitor.models.TeamModelFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a team's manager chose for its agents, stored: refitted models (checked first) and per-rule settings. */
abstract class TeamSettingsContract {
    CallStore store;
    /** Unique per test: a PostgreSQL test database outlives the test. */
    final String team = "emea-" + UUID.randomUUID().toString().substring(0, 8);

    abstract CallStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    static byte[] modelFile(String team, boolean accepted, double weight) throws Exception {
        ObjectMapper m = new ObjectMapper();
        return TeamModelFile.write(team, Instant.parse("2026-11-28T12:00:00Z"), "encoder@1", accepted,
                m.readTree("{\"ours\":{\"ok\":" + accepted + "}}"), m.readTree("{\"format\":\"pressure-monitor-learned/1\",\"w\":[" + weight + "]}"));
    }

    @Test
    void theLastModelPushedIsTheOneTheTeamUses() throws Exception {
        store.teamSettings().pushModel(team, modelFile(team, true, 0.1), 1_000);
        byte[] second = modelFile(team, true, 0.2);
        String sha = store.teamSettings().pushModel(team, second, 2_000).sha256();

        TeamSettingsTable.ActiveModel active = store.teamSettings().activeModel(team).orElseThrow();
        assertThat(active.sha256()).isEqualTo(sha);
        assertThat(new String(active.body(), StandardCharsets.UTF_8)).isEqualTo(new String(second, StandardCharsets.UTF_8));
        assertThat(store.teamSettings().settings(team).model()).isEqualTo(sha);
    }

    @Test
    void aRefitTrainRefusedIsNotStoredAndTheMessageSaysWhy() throws Exception {
        assertThatThrownBy(() -> store.teamSettings().pushModel(team, modelFile(team, false, 0.1), 1_000))
                .isInstanceOf(TeamSettingsTable.Refused.class).hasMessageContaining("'train' refused this refit").hasMessageContaining("train again");
        assertThat(store.teamSettings().activeModel(team)).isEmpty();
    }

    @Test
    void aFileChangedAfterTrainWroteItIsRefused() throws Exception {
        String changed = new String(modelFile(team, true, 0.1), StandardCharsets.UTF_8).replace("0.1", "0.7");

        assertThatThrownBy(() -> store.teamSettings().pushModel(team, changed.getBytes(StandardCharsets.UTF_8), 1_000))
                .isInstanceOf(TeamSettingsTable.Refused.class).hasMessageContaining("checksum mismatch");
        assertThat(store.teamSettings().activeModel(team)).isEmpty();
    }

    @Test
    void anotherTeamsModelIsRefused() throws Exception {
        assertThatThrownBy(() -> store.teamSettings().pushModel(team, modelFile("apac", true, 0.1), 1_000))
                .isInstanceOf(TeamSettingsTable.Refused.class).hasMessageContaining("refitted for team 'apac'");
        assertThat(store.teamSettings().activeModel(team)).isEmpty();
    }

    @Test
    void aRuleTurnedOffOrDownStaysSoUntilTurnedBackOn() throws Exception {
        store.teamSettings().setRule(team, "urgency.deadline", "off", "manager", 1);
        store.teamSettings().setRule(team, "learned.close", "down", "manager", 2);
        assertThat(store.teamSettings().rules(team)).isEqualTo(Map.of("urgency.deadline", "off", "learned.close", "down"));

        store.teamSettings().setRule(team, "urgency.deadline", "on", "manager", 3);
        assertThat(store.teamSettings().rules(team)).isEqualTo(Map.of("learned.close", "down"));
        assertThat(store.teamSettings().rules("apac-" + team)).isEmpty();
    }
}
