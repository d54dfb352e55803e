package dev.pressuremonitor.server.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressuremonitor.models.TeamModelFile;
import dev.pressuremonitor.models.TeamSettings;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Clients;
import dev.pressuremonitor.server.access.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A team's model and rule settings reach that team's agents, and only them. */
class TeamSettingsHttpTest {
    PressureServer server;
    String emeaAgent, apacAgent, emeaManager, apacManager, emeaViewer;

    @BeforeEach
    void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true));
        var store = server.store();
        emeaAgent = store.createToken(Principal.Kind.AGENT, "ana", "emea");
        apacAgent = store.createToken(Principal.Kind.AGENT, "ana", "apac");
        emeaManager = store.createToken(Principal.Kind.TEAM, "*", "emea");
        apacManager = store.createToken(Principal.Kind.TEAM, "*", "apac");
        emeaViewer = store.createToken(Principal.Kind.VIEWER, "ana", "emea");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] modelFile(String team) throws Exception {
        ObjectMapper m = new ObjectMapper();
        return TeamModelFile.write(team, Instant.now(), "encoder@1", true, m.readTree("{}"), m.readTree("{\"format\":\"pressure-monitor-learned/1\"}"));
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return Clients.get(server.port(), path, token);
    }

    HttpResponse<String> setRule(String token, String rule, String setting) throws Exception {
        return Clients.post(server.port(), "/api/team/rules", token, "application/json", null, "{\"rule\":\"" + rule + "\",\"setting\":\"" + setting + "\"}");
    }

    static TeamSettings next(Clients.Socket s) throws Exception {
        String text = s.texts.poll(10, TimeUnit.SECONDS);
        assertThat(text).as("team settings arrived").isNotNull();
        return TeamSettings.parse(text);
    }

    @Test
    void anAgentGetsItsOwnTeamsModelAndNeverAnotherTeams() throws Exception {
        byte[] emea = modelFile("emea");
        server.store().teamSettings().pushModel("emea", emea, 1);

        HttpResponse<String> own = get("/api/agent/model?team=emea&rep=ana", emeaAgent);
        HttpResponse<String> other = get("/api/agent/model?team=emea&rep=ana", apacAgent);

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(new String(emea, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("team 'apac' has no refitted model").contains("shipped one");
    }

    @Test
    void aRuleTurnedOffOnTheTeamPageReachesTheTeamsConnectedAgentsAtOnce() throws Exception {
        Clients.Socket emea = Clients.connect(server.port(), "/ws/agent", emeaAgent, null);
        Clients.Socket apac = Clients.connect(server.port(), "/ws/agent", apacAgent, null);

        assertThat(setRule(emeaManager, "urgency.deadline", "off").statusCode()).isEqualTo(200);
        assertThat(setRule(apacManager, "learned.close", "down").statusCode()).isEqualTo(200);

        assertThat(next(emea).rules()).isEqualTo(Map.of("urgency.deadline", "off"));
        TeamSettings toApac = next(apac);
        assertThat(toApac.team()).isEqualTo("apac");
        assertThat(toApac.rules()).isEqualTo(Map.of("learned.close", "down"));
    }

    @Test
    void anAgentThatConnectsGetsItsTeamsRules() throws Exception {
        setRule(emeaManager, "chase.checking-in", "down");

        Clients.Socket emea = Clients.connect(server.port(), "/ws/agent", emeaAgent, null);

        assertThat(next(emea).rules()).isEqualTo(Map.of("chase.checking-in", "down"));
    }

    @Test
    void onlyTheTeamsManagerChangesItsRules() throws Exception {
        HttpResponse<String> byViewer = setRule(emeaViewer, "urgency.deadline", "off");
        HttpResponse<String> byAgent = setRule(emeaAgent, "urgency.deadline", "off");

        assertThat(byViewer.statusCode()).isEqualTo(403);
        assertThat(byViewer.body()).contains("team's manager").contains("token create --kind team");
        assertThat(byAgent.statusCode()).isEqualTo(403);
        assertThat(server.store().teamSettings().rules("emea")).isEmpty();
    }

    @Test
    void aMistypedRuleSaysWhatARuleIdLooksLike() throws Exception {
        HttpResponse<String> r = setRule(emeaManager, "Urgency Deadline!", "off");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("is not a rule id").contains("learned.close");
    }
}
