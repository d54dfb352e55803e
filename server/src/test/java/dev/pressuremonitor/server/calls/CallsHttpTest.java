package dev.pressuremonitor.server.calls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The calls and team APIs over real HTTP, including across a server restart. */
class CallsHttpTest {
    static final Reframe R = new Reframe("never-chase", "Never chase; get to the truth about fit.", "What changed?");
    @TempDir
    Path dir;
    PressureServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    PressureServer start() throws Exception {
        return PressureServer.start(ServerConfig.defaults().withPort(0).withDb("jdbc:sqlite:" + dir.resolve("calls.db")));
    }

    void send(String callId, long seq, Event e) {
        assertThat(server.ingest().ingest(EventCodec.encode(new Envelope(callId, seq, System.currentTimeMillis(), e))).join().isAck()).isTrue();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void endedCall(String id, long startedAt) {
        send(id, 1, new CallStarted("ana", "emea", startedAt, true));
        send(id, 2, new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 12, 13, true, R));
        send(id, 3, new MetricsSnapshot(60, 0.55, 3, 40, 2, 130, 4, 2, 1, 0.9, 35, List.of()));
        send(id, 4, new CallEnded(90, "hangup"));
    }

    @Test
    void anEndedCallIsListedAndSummarisedAsJsonHtmlAndMarkdown() throws Exception {
        server = start();
        long now = System.currentTimeMillis();
        endedCall("call-1", now - 60_000);
        await().until(() -> get("/api/calls/call-1").body().contains("\"ended\":true"));

        JsonNode list = Json.readTree(get("/api/calls?rep=ana").body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("callId").asText()).isEqualTo("call-1");
        assertThat(list.get(0).get("pressureScore").asInt()).isEqualTo(35);

        JsonNode summary = Json.readTree(get("/api/calls/call-1").body());
        assertThat(summary.get("duration").asDouble()).isEqualTo(90.0);
        assertThat(summary.get("alerts").get(0).get("phrase").asText()).isEqualTo("just checking in");
        assertThat(summary.get("coaching").get(0).get("title").asText()).isEqualTo("You chased");

        HttpResponse<String> html = get("/calls/call-1");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(html.body()).contains("<svg id=\"timeline\"").contains("You chased").contains("just checking in");

        HttpResponse<String> md = get("/calls/call-1.md");
        assertThat(md.body()).startsWith("# Call report: ana\n\n").contains("1. **You chased** (0:12).").contains("| Your talk share | 55% |");
    }

    @Test
    void anUnknownCallIs404WithAJsonError() throws Exception {
        server = start();
        HttpResponse<String> r = get("/api/calls/no-such-call");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"no call at /api/calls/no-such-call: list calls with GET /api/calls\"}");
        assertThat(get("/calls/no-such-call.md").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedFiltersAre400NamingTheParameter() throws Exception {
        server = start();
        HttpResponse<String> r = get("/api/calls?from=yesterday");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("parameter 'from' must be a date");
        assertThat(get("/api/calls?limit=0").body()).contains("parameter 'limit' must be a whole number from 1 to 1000");
        assertThat(get("/api/calls?rep=%3Cscript%3E").body()).contains("parameter 'rep' must be");
        assertThat(get("/api/team?from=2026-11-28&to=2026-11-01").body()).contains("parameter 'from' must be before 'to'");
        assertThat(get("/api/calls/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(400);
    }

    @Test
    void summaryAndTeamFiguresSurviveARestart() throws Exception {
        server = start();
        long now = System.currentTimeMillis();
        endedCall("call-r", now - 3_600_000);
        await().until(() -> get("/api/calls/call-r").body().contains("\"ended\":true"));
        String summaryBefore = get("/api/calls/call-r").body();
        String teamBefore = get("/api/team?from=" + (now - 86_400_000) + "&to=" + now).body();
        server.close();

        server = start();
        assertThat(get("/api/calls/call-r").body()).isEqualTo(summaryBefore);
        assertThat(get("/api/team?from=" + (now - 86_400_000) + "&to=" + now).body()).isEqualTo(teamBefore);
        assertThat(Json.readTree(teamBefore).get("total").get("calls").asInt()).isEqualTo(1);
        // and the agent may resend the whole call: nothing changes
        endedCall("call-r", now - 3_600_000);
        assertThat(get("/api/calls/call-r").body()).isEqualTo(summaryBefore);
    }

    @Test
    void metricsAreScrapedInPrometheusFormat() throws Exception {
        server = start();
        endedCall("call-m", System.currentTimeMillis());
        await().until(() -> get("/metrics").body().contains("pm_calls_total{team=\"emea\"} 1.0"));
        String body = get("/metrics").body();
        assertThat(body).contains("pm_alerts_total{category=\"CHASE\",team=\"emea\"} 1.0")
                .contains("pm_call_pressure_score_count{team=\"emea\"} 1")
                .contains("pm_ingest_seconds_count")
                .contains("pm_overlays_connected");
        assertThat(body).doesNotContain("rep=\"ana\"");
    }

    @Test
    void theTeamPageShowsEachRep() throws Exception {
        server = start();
        endedCall("call-t", System.currentTimeMillis() - 1000);
        await().until(() -> get("/api/calls/call-t").body().contains("\"ended\":true"));
        String page = get("/team").body();
        assertThat(page).contains("<article class=\"rep\" data-rep=\"ana\"><h3><a href=\"/reps/ana?period=4w\">ana</a><span class=\"note\">1 call</span>")
                .contains("<span class=\"label\">Pressure score</span><span class=\"big\"><strong>35</strong>");
    }

    @Test
    void theGrafanaDashboardOnlyQueriesMetricsTheServerExports() throws Exception {
        server = start();
        endedCall("call-g", System.currentTimeMillis());
        send("call-g2", 1, new CallStarted("ana", "emea", System.currentTimeMillis(), false));
        // the manager marks the nudge: the false-nudge panels read the marks
        var marked = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/calls/call-g/feedback"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"kind\": \"not_pressure\", \"alert\": 2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
        await().until(() -> get("/metrics").body().contains("pm_calls_total"));
        String scrape = get("/metrics").body();
        String dashboard = java.nio.file.Files.readString(Path.of("..", "grafana", "pressure-monitor-dashboard.json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("pm_[a-z_]+").matcher(dashboard);
        java.util.Set<String> used = new java.util.TreeSet<>();
        while (m.find()) used.add(m.group());
        assertThat(used).isNotEmpty();
        for (String metric : used) assertThat(scrape).as("dashboard metric " + metric).contains(metric);
    }
}
