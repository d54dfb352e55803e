package dev.pressuremonitor.agent.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the agent asks for its team's model, and what it does when it is stopped while asking. */
class TeamModelAddressTest {
    @Test
    void theModelIsAskedOfTheAgentsServerForItsTeamAndRep() {
        assertThat(TeamModelFetch.modelAddress(URI.create("wss://pm.example.com:8443/ws/agent?rep=ana&team=emea"), "north east", "ana"))
                .isEqualTo(URI.create("https://pm.example.com:8443/api/agent/model?team=north+east&rep=ana"));
    }

    @Test
    void anAgentWithNoRepAsksByTeamAlone() {
        assertThat(TeamModelFetch.modelAddress(URI.create("ws://127.0.0.1:8425/ws/agent"), "emea", null))
                .isEqualTo(URI.create("http://127.0.0.1:8425/api/agent/model?team=emea"));
    }

    @Test
    void anAgentStoppedWhileAskingUsesTheShippedModelAndStaysStopped(@TempDir Path cache) {
        Thread.currentThread().interrupt();
        TeamModelFetch.Result r = TeamModelFetch.fetch(URI.create("ws://127.0.0.1:9/ws/agent"), "emea", "ana", null, cache, Duration.ofSeconds(5));
        assertThat(Thread.interrupted()).as("the interruption is kept for the caller").isTrue();
        assertThat(r.model()).isNull();
        assertThat(r.said()).isEqualTo("could not get team 'emea''s model from 127.0.0.1 (interrupted): using the shipped learned model");
    }
}
