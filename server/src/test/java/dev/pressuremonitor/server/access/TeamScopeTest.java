package dev.pressuremonitor.server.access;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pressuremonitor.server.access.Clients.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Two reps named ana, one in emea and one in apac, are two people: neither writes, reads or watches the other's calls. */
class TeamScopeTest {
    PressureServer server;
    String emeaAgent, apacAgent, emeaViewer, apacViewer;

    @BeforeEach
    void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true));
        var store = server.store();
        emeaAgent = store.createToken(Principal.Kind.AGENT, "ana", "emea");
        apacAgent = store.createToken(Principal.Kind.AGENT, "ana", "apac");
        emeaViewer = store.createToken(Principal.Kind.VIEWER, "ana", "emea");
        apacViewer = store.createToken(Principal.Kind.VIEWER, "ana", "apac");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static MetricsSnapshot metrics(long at) {
        return new MetricsSnapshot(at, 0.5, 0, 0, 0, 0, 0, 0, 0, null, 10, List.of());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return Clients.get(server.port(), path, token);
    }

    @Test
    void anaOfApacCannotWriteIntoAnaOfEmeasCall() throws Exception {
        Clients.Socket emea = Clients.connect(server.port(), "/ws/agent", emeaAgent, null);
        assertThat(emea.send(event("emea-call", 1, new CallStarted("ana", "emea", 1, true))).isAck()).isTrue();
        Clients.Socket apac = Clients.connect(server.port(), "/ws/agent", apacAgent, null);
        AgentReply r = apac.send(event("emea-call", 2, metrics(2)));
        assertThat(r.isAck()).isFalse();
        assertThat(r.message()).contains("belongs to another rep");
        assertThat(server.store().events("emea-call")).hasSize(1);
    }

    @Test
    void anaOfApacCannotReadAnaOfEmeasCalls() throws Exception {
        Clients.Socket emea = Clients.connect(server.port(), "/ws/agent", emeaAgent, null);
        assertThat(emea.send(event("emea-call", 1, new CallStarted("ana", "emea", 1, true))).isAck()).isTrue();
        assertThat(get("/api/calls/emea-call", emeaViewer).statusCode()).isEqualTo(200);
        assertThat(get("/api/calls/emea-call", apacViewer).statusCode()).as("like no call at all").isEqualTo(404);
        assertThat(get("/api/calls", apacViewer).body()).doesNotContain("emea-call");
        assertThat(get("/api/calls", emeaViewer).body()).contains("emea-call");
    }

    @Test
    void anaOfApacsOverlayNeverShowsAnaOfEmeasCall() throws Exception {
        Clients.Socket emeaOverlay = Clients.connect(server.port(), "/ws/overlay?rep=ana&token=" + emeaViewer, null, null);
        Clients.Socket apacOverlay = Clients.connect(server.port(), "/ws/overlay?rep=ana&token=" + apacViewer, null, null);
        Clients.Socket emea = Clients.connect(server.port(), "/ws/agent", emeaAgent, null);
        assertThat(emea.send(event("emea-call", 1, new CallStarted("ana", "emea", 1, true))).isAck()).isTrue();
        assertThat(emeaOverlay.texts.poll(10, TimeUnit.SECONDS)).contains("emea-call");
        // apac's ana starts her own call: it is the first thing her overlay shows
        Clients.Socket apac = Clients.connect(server.port(), "/ws/agent", apacAgent, null);
        assertThat(apac.send(event("apac-call", 1, new CallStarted("ana", "apac", 1, true))).isAck()).isTrue();
        assertThat(apacOverlay.texts.poll(10, TimeUnit.SECONDS)).contains("apac-call");
    }

    @Test
    void anaOfApacsOpenCallsDoNotCountAgainstAnaOfEmea() throws Exception {
        server.close();
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true).withLimits(new ServerConfig.Limits(4, 200, 1, 100)));
        String emeaToken = server.store().createToken(Principal.Kind.AGENT, "ana", "emea");
        String apacToken = server.store().createToken(Principal.Kind.AGENT, "ana", "apac");
        Clients.Socket apac = Clients.connect(server.port(), "/ws/agent", apacToken, null);
        assertThat(apac.send(event("apac-call", 1, new CallStarted("ana", "apac", 1, true))).isAck()).isTrue();
        Clients.Socket emea = Clients.connect(server.port(), "/ws/agent", emeaToken, null);
        assertThat(emea.send(event("emea-call", 1, new CallStarted("ana", "emea", 1, true))).isAck()).isTrue();
    }
}
