package dev.pressuremonitor.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TeamModelFile;
import dev.pressuremonitor.models.TeamSettings;
import dev.pressuremonitor.server.access.Clients;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.pages.BrowserTest;
import dev.pressuremonitor.server.pages.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The team's rules page in a real headless Chromium: what the team marks wrong, and a rule turned down or off in a click. */
class TeamRulesBrowserTest extends BrowserTest {
    static final Reframe R = new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side?");
    static String team, viewer, agent;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true).withDb("jdbc:sqlite:" + dir.resolve("team.db")));
        team = server.access().issueEphemeral(Principal.Kind.TEAM, "*", "emea");
        viewer = server.access().issueEphemeral(Principal.Kind.VIEWER, "ana", "emea");
        agent = server.store().createToken(Principal.Kind.AGENT, "ana", "emea");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 20 + i * 60, 21 + i * 60, true, R));
        }
        events.add(new Alert(Category.URGENCY, "urgency.deadline", "ends friday", Severity.MEDIUM, Speaker.REP, 200, 201, true, R));
        events.add(new MetricsSnapshot(1, 0.5, 0, 10, 0, 140, 1, 0, 0, null, 40, List.of()));
        events.add(new CallEnded(300, "hangup"));
        Seed.endedCall(server, "call-1", "ana", "emea", System.currentTimeMillis() - 60_000, events);
        // the manager marks two of the three chasing nudges not pressure
        var moments = server.store().feedback().moments("call-1");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = Clients.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/calls/call-1/feedback?token=" + team))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"not_pressure\",\"alert\":" + moments.get(i).alert() + "}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
    }

    private WebElement row(String rule) {
        return browser.findElement(By.cssSelector("tr[data-rule='" + rule + "']"));
    }

    @Test
    void theRuleTheTeamMarksWrongMostComesFirstAndOneClickTurnsItOffForTheTeamsAgents() throws Exception {
        Clients.Socket agentSocket = Clients.connect(server.port(), "/ws/agent", agent, null);
        open("/team/rules?token=" + team);
        assertThat(browser.findElements(By.cssSelector("#rules tbody tr"))).first().extracting(e -> e.getAttribute("data-rule")).isEqualTo("chase.checking-in");
        assertThat(row("chase.checking-in").getText()).contains("3", "2 (67%)", "as usual");

        row("chase.checking-in").findElement(By.cssSelector("button[data-setting='off']")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-status"), "is now off"));
        assertThat(browser.findElement(By.id("rules-status")).getText()).isEqualTo("chase.checking-in is now off for team emea; its agents have it.");
        assertThat(row("chase.checking-in").findElement(By.cssSelector(".setting")).getText()).isEqualTo("off");
        // the agent may first have been sent what the team had when it connected; the change follows
        Map<String, String> told = Map.of();
        for (String text; !told.containsKey("chase.checking-in") && (text = agentSocket.texts.poll(10, TimeUnit.SECONDS)) != null; ) {
            told = TeamSettings.parse(text).rules();
        }
        assertThat(told).as("what the connected agent was told").containsEntry("chase.checking-in", "off");
    }

    @Test
    void aRuleThatHasNotNudgedYetCanBeTurnedDownByName() throws Exception {
        open("/team/rules?token=" + team);
        WebElement form = browser.findElement(By.id("other-rule"));
        form.findElement(By.name("rule")).sendKeys("learned.close");
        form.findElement(By.cssSelector("button[value='down']")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-rule='learned.close']")));
        assertThat(row("learned.close").findElement(By.cssSelector(".setting")).getText()).isEqualTo("turned down");
        assertThat(server.store().teamSettings().rules("emea")).containsEntry("learned.close", "down");
    }

    @Test
    void aChangeTheServerRefusesIsShownWithTheServersReasonInTheWarningColour() {
        open("/team/rules?token=" + team);
        WebElement status = browser.findElement(By.id("rules-status"));
        String quiet = status.getCssValue("color");
        WebElement form = browser.findElement(By.id("other-rule"));
        form.findElement(By.name("rule")).sendKeys("Urgency Deadline!");
        // past the form's own pattern check, as a script or an older page would send it
        browser.executeScript("arguments[0].dispatchEvent(new Event('submit', {cancelable: true}))", form);

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-status"), "Not changed:"));
        assertThat(status.getText()).contains("is not a rule id");
        assertThat(status.getCssValue("color")).as("a refusal stands out from the quiet status line").isNotEqualTo(quiet);
    }

    @Test
    void theModelTheTeamsAgentsUseIsShownWithTheComparisonThatLetItIn() throws Exception {
        ObjectMapper m = new ObjectMapper();
        byte[] file = TeamModelFile.write("emea", Instant.parse("2026-11-28T12:00:00Z"), "encoder@1", true,
                m.readTree("{\"ours\":{\"categories\":{\"CLOSE\":{\"base\":{\"precision\":0.894,\"recall\":0.792},\"refit\":{\"precision\":0.9,\"recall\":0.8}}}}}"),
                m.readTree("{\"format\":\"pressure-monitor-learned/1\"}"));
        String sha = server.store().teamSettings().pushModel("emea", file, System.currentTimeMillis()).sha256();

        open("/team/rules?token=" + team);

        assertThat(browser.findElement(By.id("model-state")).getText()).startsWith("Refitted for this team: " + sha.substring(0, 12));
        assertThat(browser.findElement(By.cssSelector("#comparison tbody tr")).getText()).isEqualTo("CLOSE 0.894 → 0.900 0.792 → 0.800");
    }

    @Test
    void aRepsViewerTokenIsSentToTheTeamsManager() {
        open("/team/rules?token=" + viewer);

        assertThat(browser.findElement(By.tagName("body")).getText()).contains("for the team's manager").contains("token create --kind team");
        assertThat(browser.findElements(By.id("rules"))).isEmpty();
    }
}
