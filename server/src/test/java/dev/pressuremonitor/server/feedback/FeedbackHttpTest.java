package dev.pressuremonitor.server.feedback;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Clients;
import dev.pressuremonitor.server.access.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Feedback over real HTTP on a server with tokens: who may mark what, and what each team sees. */
class FeedbackHttpTest {
    PressureServer server;
    String anaViewer, emeaTeam, apacTeam, operator;
    long seq;

    @BeforeEach
    void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true));
        anaViewer = server.store().createToken(Principal.Kind.VIEWER, "ana", "emea");
        emeaTeam = server.store().createToken(Principal.Kind.TEAM, "*", "emea");
        apacTeam = server.store().createToken(Principal.Kind.TEAM, "*", "apac");
        operator = server.store().createToken(Principal.Kind.OPERATOR, "*", "*");
        send("emea-call", new CallStarted("ana", "emea", System.currentTimeMillis(), true));
        send("emea-call", new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 10, 11, true,
                new Reframe("never-chase", "Never chase.", "What changed?")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void send(String callId, Event e) {
        String json = EventCodec.encode(new Envelope(callId, ++seq, System.currentTimeMillis(), e));
        assertThat(server.ingest().ingest(json).join().isAck()).isTrue();
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return Clients.get(server.port(), path, token);
    }

    HttpResponse<String> post(String path, String token, String contentType, String origin, String body) throws Exception {
        return Clients.post(server.port(), path, token, contentType, origin, body);
    }

    HttpResponse<String> markNotPressure(String token) throws Exception {
        return post("/api/calls/emea-call/feedback", token, "application/json", null, "{\"kind\": \"not_pressure\", \"alert\": 2}");
    }

    @Test
    void aRepMarksANudgeOfTheirOwnCallAndTheReportSeesTheMark() throws Exception {
        HttpResponse<String> res = markNotPressure(anaViewer);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        String feedback = get("/api/calls/emea-call/feedback", anaViewer).body();
        assertThat(feedback).contains("\"kind\":\"not_pressure\"").contains("\"markedBy\":\"ana\"").contains("\"alert\":2");
    }

    @Test
    void teamAsFeedbackIsInvisibleToTeamBEverywhere() throws Exception {
        assertThat(markNotPressure(anaViewer).statusCode()).isEqualTo(201);
        assertThat(get("/api/calls/emea-call/feedback", apacTeam).statusCode()).as("like no call").isEqualTo(404);
        assertThat(markNotPressure(apacTeam).statusCode()).as("nor can it mark").isEqualTo(404);
        assertThat(get("/api/feedback", apacTeam).body()).isEqualTo("[]");
        assertThat(get("/api/feedback/export", apacTeam).body()).doesNotContain("checking in");
        assertThat(get("/api/feedback/rates", apacTeam).body()).isEqualTo("[]");
        assertThat(get("/api/feedback/export?team=emea", apacTeam).statusCode()).isEqualTo(403);
        assertThat(get("/api/feedback", emeaTeam).body()).as("while its own manager sees it").contains("just checking in");
    }

    @Test
    void theTeamsExportHoldsTheMarkAsANoneLine() throws Exception {
        assertThat(markNotPressure(anaViewer).statusCode()).isEqualTo(201);
        String export = get("/api/feedback/export", emeaTeam).body();
        assertThat(export).contains("\"domain\":\"emea\",\"text\":\"just checking in\",\"label\":\"NONE\"");
    }

    @Test
    void aMarkSentAsAFormIsRefusedSayingToSendJson() throws Exception {
        HttpResponse<String> res = post("/api/calls/emea-call/feedback", anaViewer, "application/x-www-form-urlencoded", null, "kind=not_pressure&alert=2");
        assertThat(res.statusCode()).isEqualTo(415);
        assertThat(res.body()).contains("Content-Type: application/json");
    }

    @Test
    void aMarkPostedFromAnotherSitesPageIsRefused() throws Exception {
        HttpResponse<String> res = post("/api/calls/emea-call/feedback", anaViewer, "application/json", "https://evil.example", "{\"kind\": \"not_pressure\", \"alert\": 2}");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(server.store().feedback().forCall("emea-call")).isEmpty();
    }

    @Test
    void aMalformedMarkIsRefusedSayingWhatIsWrong() throws Exception {
        HttpResponse<String> res = post("/api/calls/emea-call/feedback", anaViewer, "application/json", null, "{\"kind\": \"missed\", \"line\": 3}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("missing field 'category'");
    }

    @Test
    void theManagerConfirmsARepsMarkOverHttp() throws Exception {
        String id = dev.pressuremonitor.models.Json.mapper().readTree(markNotPressure(anaViewer).body()).get("id").asText();
        HttpResponse<String> res = post("/api/feedback/" + id + "/review", emeaTeam, "application/json", null, "{\"review\": \"confirmed\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(server.store().feedback().find(id).orElseThrow().review()).isEqualTo(dev.pressuremonitor.models.FeedbackMark.Review.CONFIRMED);
    }

    static double series(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) all &= m.group(1).contains(l);
            if (all) return Double.parseDouble(m.group(2));
        }
        throw new AssertionError(name + " with " + String.join(",", labels) + " not in\n" + scrape);
    }

    @Test
    void nudgesAndNotPressureMarksPerRuleAreCountedInARealScrape() throws Exception {
        assertThat(markNotPressure(anaViewer).statusCode()).isEqualTo(201);
        String scrape = get("/metrics", operator).body();
        assertThat(series(scrape, "pm_nudges_total", "rule=\"chase.checking-in\"", "team=\"emea\"", "category=\"CHASE\"")).isEqualTo(1.0);
        assertThat(series(scrape, "pm_feedback_marks_total", "kind=\"not_pressure\"", "rule=\"chase.checking-in\"", "team=\"emea\"")).isEqualTo(1.0);
    }
}
