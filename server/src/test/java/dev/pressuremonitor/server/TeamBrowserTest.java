package dev.pressuremonitor.server;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.pages.BrowserTest;
import dev.pressuremonitor.server.pages.Pages;
import dev.pressuremonitor.server.pages.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The team page a manager opens on Monday and the page each rep opens with their viewer token, in a real headless
 * Chromium on a team server with access control, light and dark, phone and desktop.
 */
class TeamBrowserTest extends BrowserTest {
    static final long DAY = 86_400_000L;
    static String team, anaViewer, benViewer;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true).withDb("jdbc:sqlite:" + dir.resolve("team.db")));
        team = server.access().issueEphemeral(Principal.Kind.TEAM, "*", "emea");
        anaViewer = server.access().issueEphemeral(Principal.Kind.VIEWER, "ana", "emea");
        benViewer = server.access().issueEphemeral(Principal.Kind.VIEWER, "ben", "emea");
        long now = System.currentTimeMillis();
        // ana calms down over eight weeks but has started to chase; ben talks too much
        for (int week = 7; week >= 0; week--) {
            call("ana-w" + week, "ana", now - week * 7 * DAY - DAY, 70 - (7 - week) * 6, 0.5, week < 4 ? 2 : 0);
            call("ben-w" + week, "ben", now - week * 7 * DAY - 2 * DAY, 40, 0.72, 0);
        }
        call("cleo-amer", "cleo", now - DAY, 90, 0.9, 3); // another team's rep: never on emea's pages
    }

    static void call(String id, String rep, long startedAt, int pressure, double talk, int chases) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < chases; i++) {
            events.add(new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 20 + i * 30, 21 + i * 30, true,
                    new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side?")));
        }
        events.add(new MetricsSnapshot(1, talk, 0, 10, 0, 140, 1, 0, 0, null, pressure, List.of()));
        events.add(new CallEnded(300, "hangup"));
        Seed.endedCall(server, id, rep, rep.equals("cleo") ? "amer" : "emea", startedAt, events);
    }

    @BeforeEach
    void plainBrowser() {
        Pages.width(browser, 1000);
        Pages.systemTheme(browser, "light");
    }

    private WebElement card(String rep) {
        return browser.findElement(By.cssSelector("article.rep[data-rep='" + rep + "']"));
    }

    @Test
    void eachRepHasTheirWeeklyTrendTheCategoriesThatGrewAndTalkShareAgainstTheMark() {
        open("/team?token=" + team);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Team emea");
        assertThat(browser.findElements(By.cssSelector("article.rep"))).extracting(e -> e.getAttribute("data-rep")).containsExactly("ana", "ben");
        WebElement ana = card("ana");
        assertThat(ana.findElements(By.cssSelector("svg.spark circle.dot"))).as("one point a week with calls").hasSize(8);
        assertThat(ana.findElement(By.cssSelector(".grew")).getText()).isEqualTo("Grew: Chasing the prospect (0.0 → 2.0 a call)");
        assertThat(ana.getText()).contains("▼ down");
        WebElement ben = card("ben");
        assertThat(ben.findElement(By.cssSelector(".talk-share")).getText()).isEqualTo("72%");
        assertThat(ben.findElement(By.cssSelector(".talk-share")).getAttribute("class")).contains("over");
        assertThat(ben.getText()).contains("29 points above the 43% that wins most").contains("No pressure category grew.");
    }

    @Test
    void thePeriodIsChosenOnThePageAndTheLinksKeepTheToken() {
        open("/team?token=" + team);
        assertThat(browser.findElement(By.cssSelector(".period strong")).getText()).isEqualTo("4 weeks");
        assertThat(card("ana").findElement(By.cssSelector("h3 .note")).getText()).isEqualTo("4 calls");
        browser.findElement(By.linkText("12 weeks")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.cssSelector(".period strong"), "12 weeks"));
        assertThat(browser.getCurrentUrl()).contains("period=12w").contains("token=" + team);
        assertThat(card("ana").findElement(By.cssSelector("h3 .note")).getText()).isEqualTo("8 calls");
        assertThat(card("ana").findElements(By.cssSelector("svg.spark circle.dot"))).hasSize(8);
    }

    @Test
    void aRepRowLeadsToTheirCallsAndEachCallToItsReport() {
        open("/team?token=" + team);
        card("ana").findElement(By.cssSelector("h3 a")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.tagName("h1"), "ana"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#calls tr td:last-child a"));
        assertThat(rows).hasSize(4);
        rows.get(0).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.cssSelector(".eyebrow"), "CALL REPORT"));
        assertThat(browser.getCurrentUrl()).contains("/calls/ana-w0").contains("token=" + team);
    }

    @Test
    void aRepOpensTheirOwnProgressWithTheirViewerTokenAndNobodyElses() {
        open("/reps/ana?token=" + anaViewer);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ana");
        assertThat(browser.findElement(By.cssSelector(".eyebrow")).getText()).isEqualToIgnoringCase("Pressure Monitor · your progress");
        assertThat(browser.findElements(By.cssSelector("svg.spark circle.dot"))).hasSize(8);
        assertThat(browser.findElements(By.cssSelector("#calls a[href*='/calls/ana-w']"))).isNotEmpty();

        open("/reps/ben?token=" + anaViewer);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This token cannot open this page");
        assertThat(browser.findElement(By.id("error")).getText()).contains("This is ana's viewer token: it opens /reps/ana");

        open("/team?token=" + benViewer);
        assertThat(browser.findElement(By.id("error")).getText()).contains("open /reps/ben with it");
    }

    @Test
    void withoutATokenTheBrowserGetsAPageThatSaysWhatToDo() {
        open("/team");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This page needs a token");
        assertThat(browser.findElement(By.id("error")).getText()).contains("token create");
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"light, 420", "light, 1000", "dark, 420", "dark, 1000"})
    void theTeamAndRepPagesReadWellOnAPhoneAndADeskInBothThemes(String theme, int width) throws Exception {
        Pages.width(browser, width);
        Pages.systemTheme(browser, theme.equals("dark") ? "light" : "dark");
        open("/team?theme=" + theme + "&token=" + team);
        assertThat(Pages.belowAA(browser)).as("texts below 4.5:1").isEmpty();
        assertThat(Pages.overflowsSideways(browser)).isFalse();
        int[] line = Pages.color(card("ana").findElement(By.cssSelector("svg.spark .line")), "stroke");
        assertThat(Pages.contrast(line, Pages.color(card("ana"), "background-color"))).as("the trend line stands out").isGreaterThanOrEqualTo(3);
        boolean dark = theme.equals("dark");
        assertThat(Pages.luminance(Pages.color(browser.findElement(By.tagName("body")), "background-color"))).matches(l -> dark ? l < 0.05 : l > 0.8);
        Pages.screenshot(browser, "team-" + theme + "-" + width);

        open("/reps/ana?theme=" + theme + "&token=" + anaViewer);
        assertThat(Pages.belowAA(browser)).as("texts below 4.5:1 on the rep page").isEmpty();
        assertThat(Pages.overflowsSideways(browser)).isFalse();
        Pages.screenshot(browser, "rep-" + theme + "-" + width);
    }
}
