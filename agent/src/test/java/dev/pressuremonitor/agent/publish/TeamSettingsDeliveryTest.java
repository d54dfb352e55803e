package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.TeamSettings;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent hears its team's rule settings from the server: when it connects, and live when a manager changes one. */
class TeamSettingsDeliveryTest {
    static void setRule(PressureServer server, String team, String rule, String setting) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/team/rules?team=" + team))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"rule\":\"" + rule + "\",\"setting\":\"" + setting + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void settingsArriveOnConnectAndWhenTheyChange() throws Exception {
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0))) {
            setRule(server, "emea", "urgency.deadline", "off");
            BlockingQueue<TeamSettings> heard = new LinkedBlockingQueue<>();
            try (AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws/agent?rep=ana&team=emea"), 100)) {
                client.onTeamSettings(heard::add);
                assertThat(heard.poll(10, TimeUnit.SECONDS).rules()).isEqualTo(Map.of("urgency.deadline", "off"));

                setRule(server, "emea", "learned.close", "down");
                assertThat(heard.poll(10, TimeUnit.SECONDS).rules()).isEqualTo(Map.of("urgency.deadline", "off", "learned.close", "down"));
            }
        }
    }
}
