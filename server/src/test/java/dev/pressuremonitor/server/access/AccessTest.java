package dev.pressuremonitor.server.access;

import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static dev.pressuremonitor.server.access.Clients.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A team server with access control: each person reaches only what is theirs. */
class AccessTest {
    PressureServer server;
    String anaAgent, anaViewer, benAgent, benViewer, emeaTeam, operator;

    @BeforeEach
    void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true)
                .withLimits(new ServerConfig.Limits(2, 50, 1, 100)));
        var store = server.store();
        anaAgent = store.createToken(Principal.Kind.AGENT, "ana", "emea");
        anaViewer = store.createToken(Principal.Kind.VIEWER, "ana", "emea");
        benAgent = store.createToken(Principal.Kind.AGENT, "ben", "amer");
        benViewer = store.createToken(Principal.Kind.VIEWER, "ben", "amer");
        emeaTeam = store.createToken(Principal.Kind.TEAM, "*", "emea");
        operator = store.createToken(Principal.Kind.OPERATOR, "*", "*");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    int port() {
        return server.port();
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return Clients.get(port(), path, token);
    }

    @Test
    void anAgentWithoutATokenIsRefusedSayingHowToGetOne() {
        assertThat(Clients.refusal(port(), "/ws/agent", null, null))
                .startsWith("401").contains("pressure-monitor token create --rep NAME --team NAME").contains("PRESSURE_MONITOR_TOKEN");
        assertThat(Clients.refusal(port(), "/ws/agent", "pm_made_up_token_123", null)).startsWith("401");
    }

    @Test
    void aViewerTokenOpensOnlyItsOwnRepsOverlay() {
        assertThat(Clients.refusal(port(), "/ws/overlay?rep=ana&token=" + anaViewer, null, null)).isEqualTo("accepted");
        assertThat(Clients.refusal(port(), "/ws/overlay?rep=ben&token=" + anaViewer, null, null))
                .startsWith("403").contains("does not belong to rep 'ben'");
        assertThat(Clients.refusal(port(), "/ws/overlay?rep=ana&token=" + anaAgent, null, null)).startsWith("403");
    }

    @Test
    void anAgentAddressMustNameItsTokensRepAndTeam() {
        assertThat(Clients.refusal(port(), "/ws/agent?rep=ana&team=emea", anaAgent, null)).isEqualTo("accepted");
        assertThat(Clients.refusal(port(), "/ws/agent?rep=ben&team=emea", anaAgent, null))
                .startsWith("403").contains("token is for rep 'ana' of team 'emea' but the address names rep 'ben'")
                .contains("--rep and --team matching its token");
        assertThat(Clients.refusal(port(), "/ws/agent?rep=ana&team=amer", anaAgent, null))
                .startsWith("403").contains("the address names team 'amer'");
        assertThat(Clients.refusal(port(), "/ws/agent?rep=ben&rep=ana&team=emea", anaAgent, null))
                .as("a repeated parameter: the balancer reads the first").startsWith("403");
    }

    @Test
    void anOverlayAddressMustNameItsTokensTeam() {
        assertThat(Clients.refusal(port(), "/ws/overlay?rep=ana&team=emea&token=" + anaViewer, null, null)).isEqualTo("accepted");
        assertThat(Clients.refusal(port(), "/ws/overlay?rep=ana&team=amer&token=" + anaViewer, null, null))
                .startsWith("403").contains("viewer token is for rep 'ana' of team 'emea' but the address names team 'amer'");
    }

    @Test
    void aCrossSiteWebSocketIsRefusedButTheServersOwnPageIsNot() {
        assertThat(Clients.refusal(port(), "/ws/overlay?rep=ana&token=" + anaViewer, null, "https://evil.example"))
                .startsWith("403").contains("origin https://evil.example refused");
        assertThat(Clients.refusal(port(), "/ws/overlay?rep=ana&token=" + anaViewer, null, "http://127.0.0.1:" + port())).isEqualTo("accepted");
    }

    @Test
    void anAgentCanOnlyStartCallsForItsOwnRep() throws Exception {
        Clients.Socket ana = Clients.connect(port(), "/ws/agent", anaAgent, null);
        var reply = ana.send(event("c-1", 1, new CallStarted("ben", "amer", 1, true)));
        assertThat(reply.isAck()).isFalse();
        assertThat(reply.message()).isEqualTo("this token speaks for rep 'ana' of team 'emea': it cannot start a call for rep 'ben' of team 'amer'");
        assertThat(ana.send(event("c-1", 1, new CallStarted("ana", "emea", 1, true))).isAck()).isTrue();
    }

    @Test
    void anotherRepsCallCannotBeWrittenTo() throws Exception {
        Clients.Socket ana = Clients.connect(port(), "/ws/agent", anaAgent, null);
        assertThat(ana.send(event("ana-call", 1, new CallStarted("ana", "emea", 1, true))).isAck()).isTrue();
        Clients.Socket ben = Clients.connect(port(), "/ws/agent", benAgent, null);
        var reply = ben.send(event("ana-call", 2, new CallEnded(5, "hangup")));
        assertThat(reply.message()).isEqualTo("call 'ana-call' belongs to another rep: this token cannot send its events");
        assertThat(server.store().events("ana-call")).hasSize(1);
    }

    @Test
    void aTokenHasABoundedNumberOfConnections() {
        Clients.connect(port(), "/ws/agent", anaAgent, null);
        Clients.connect(port(), "/ws/agent", anaAgent, null);
        assertThat(Clients.refusal(port(), "/ws/agent", anaAgent, null)).startsWith("429").contains("already has 2 open connections");
        assertThat(Clients.refusal(port(), "/ws/agent", benAgent, null)).as("others are not affected").isEqualTo("accepted");
    }

    @Test
    void anAgentThatFloodsIsClosedWithAPolicyViolation() throws Exception {
        Clients.Socket ana = Clients.connect(port(), "/ws/agent", anaAgent, null);
        // one send at a time (the JDK client allows no more), as fast as the socket takes them, until the server
        // closes: however slow this machine is, a sender that never waits outruns 50 a second
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ana.closed.isDone() && System.nanoTime() < until) {
            try {
                ana.ws.sendText("{}", true).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException stoppedByTheServer) {
                break;
            }
        }
        assertThat(ana.closed.get(10, TimeUnit.SECONDS)).startsWith("1008 more than 50 events a second from this token: slow down");
        await().until(() -> get("/metrics", operator).body().contains("pm_refused_total{limit=\"rate\"}"));
    }

    @Test
    void aRepCannotHoldMoreOpenCallsThanTheLimit() throws Exception {
        Clients.Socket ana = Clients.connect(port(), "/ws/agent", anaAgent, null);
        assertThat(ana.send(event("call-a", 1, new CallStarted("ana", "emea", 1, true))).isAck()).isTrue();
        var reply = ana.send(event("call-b", 1, new CallStarted("ana", "emea", 2, true)));
        assertThat(reply.message()).isEqualTo("rep 'ana' already has 1 open calls: end one (send call_ended) before starting another");
        assertThat(ana.send(event("call-a", 2, new CallEnded(3, "hangup"))).isAck()).isTrue();
        assertThat(ana.send(event("call-b", 1, new CallStarted("ana", "emea", 2, true))).isAck()).isTrue();
    }

    @Test
    void reportsAndTheTeamPageNeedTheRightToken() throws Exception {
        Clients.Socket ana = Clients.connect(port(), "/ws/agent", anaAgent, null);
        ana.send(event("ana-1", 1, new CallStarted("ana", "emea", System.currentTimeMillis(), true)));
        ana.send(event("ana-1", 2, new CallEnded(5, "hangup")));
        Clients.Socket ben = Clients.connect(port(), "/ws/agent", benAgent, null);
        ben.send(event("ben-1", 1, new CallStarted("ben", "amer", System.currentTimeMillis(), true)));

        assertThat(get("/api/calls/ana-1", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/calls/ana-1", anaViewer).statusCode()).isEqualTo(200);
        assertThat(get("/api/calls/ana-1", benViewer).statusCode()).as("looks like no call at all").isEqualTo(404);
        assertThat(get("/api/calls/ana-1", emeaTeam).statusCode()).isEqualTo(200);
        assertThat(get("/api/calls/ben-1", emeaTeam).statusCode()).isEqualTo(404);
        assertThat(get("/api/calls", emeaTeam).body()).contains("ana-1").doesNotContain("ben-1");
        assertThat(get("/api/calls?team=amer", emeaTeam).body()).doesNotContain("ben-1");
        assertThat(get("/api/team", anaViewer).statusCode()).isEqualTo(403);
        assertThat(get("/api/team?team=amer", emeaTeam).body()).contains("\"team\":\"emea\"");
        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = get("/calls/ana-1?token=" + anaViewer, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).as("the page's own links keep working").contains("href=\"/calls/ana-1.md?token=" + anaViewer + "\"");
    }

    @Test
    void metricsShowEveryTeamSoOnlyAnOperatorTokenReadsThem() throws Exception {
        HttpResponse<String> team = get("/metrics", emeaTeam);
        assertThat(team.statusCode()).isEqualTo(403);
        assertThat(team.body()).contains("needs an operator token").contains("token create --kind operator").doesNotContain("pm_");
        assertThat(get("/metrics", anaViewer).statusCode()).isEqualTo(403);
        HttpResponse<String> scrape = get("/metrics", operator);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("pm_agents_connected");
    }

    @Test
    void anOperatorTokenReadsNothingButMetrics() throws Exception {
        for (String path : new String[] {"/api/calls", "/api/team", "/team", "/calls/ana-1"}) {
            HttpResponse<String> r = get(path, operator);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).contains("operator token reads /metrics and nothing else");
        }
        assertThat(Clients.refusal(port(), "/ws/agent", operator, null)).startsWith("403");
    }
}
