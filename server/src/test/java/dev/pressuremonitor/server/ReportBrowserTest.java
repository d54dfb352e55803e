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
import dev.pressuremonitor.server.pages.BrowserTest;
import dev.pressuremonitor.server.pages.Pages;
import dev.pressuremonitor.server.pages.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A call's report in a real headless Chromium, as a manager reads it after the call, light and dark, phone and desktop. */
class ReportBrowserTest extends BrowserTest {
    static final long STARTED = Instant.parse("2026-11-20T15:30:00Z").toEpochMilli();

    @BeforeAll
    static void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0));
        // dana's earlier calls score 20, 40 and 60 (usual: 40); eve's, in the same team, 10 and 90
        int n = 0;
        for (int score : new int[]{20, 40, 60}) store("dana-earlier-" + n++, "dana", STARTED - n * 86_400_000L, calm(score));
        for (int score : new int[]{10, 90}) store("eve-earlier-" + n++, "eve", STARTED - n * 86_400_000L, calm(score));
        Reframe chase = new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side since we spoke?");
        store("dana-report", "dana", STARTED, List.of(
                new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 40, 41, true, chase),
                new MetricsSnapshot(60, 0.5, 0, 30, 10, 140, 2, 1, 0, null, 25, List.of()),
                new Alert(Category.CLOSE, "close.ready-to-sign", "are you ready to sign", Severity.HIGH, Speaker.REP, 200, 201, true,
                        new Reframe("find-fit", "The goal is to find out whether there is a fit.", "What would you need to see?")),
                new MetricsSnapshot(150, 0.62, 0, 150, 90, 150, 4, 2, 1, 0.6, 50, List.of()),
                new MetricsSnapshot(240, 0.7, 0, 150, 90, 150, 4, 2, 1, 0.6, 80, List.of()),
                new MetricsSnapshot(300, 0.68, 0, 150, 90, 150, 5, 2, 1, 0.6, 55, List.of()),
                new CallEnded(320, "hangup")));
    }

    static List<Event> calm(int score) {
        return List.of(new MetricsSnapshot(1, 0.5, 0, 10, 0, 140, 1, 0, 0, null, score, List.of()), new CallEnded(100, "hangup"));
    }

    static void store(String id, String rep, long startedAt, List<Event> events) {
        Seed.endedCall(server, id, rep, "emea", startedAt, events);
    }

    @BeforeEach
    void plainBrowser() {
        Pages.width(browser, 1000);
        Pages.systemTheme(browser, "light");
    }

    @Test
    void theReportNamesTheRepAndDatesTheCallInTheReadersTimeZone() {
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/New_York"));
        try {
            open("/calls/dana-report");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("dana");
            String meta = browser.findElement(By.cssSelector(".meta")).getText();
            assertThat(meta).contains("Nov", "2026", "10:30").doesNotContain("T15:30", "UTC").endsWith("5:20 long · team emea");
        } finally {
            browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
        }
    }

    @Test
    void theScoreStandsBesideTheRepsAndTheTeamsUsualScore() throws Exception {
        open("/calls/dana-report");
        assertThat(browser.findElement(By.id("pressure-score")).getText()).isEqualTo(String.valueOf(server.store().summary("dana-report").orElseThrow().pressureScore()));
        WebElement rep = browser.findElement(By.id("rep-typical"));
        assertThat(rep.findElement(By.tagName("strong")).getText()).isEqualTo("40");
        assertThat(rep.getText()).contains("dana's usual").contains("median of 3 calls");
        WebElement team = browser.findElement(By.id("team-typical"));
        assertThat(team.findElement(By.tagName("strong")).getText()).as("median of 20, 40, 60, 10, 90").isEqualTo("40");
        assertThat(team.getText()).contains("Team emea's usual").contains("median of 5 calls");
    }

    @Test
    void eachCoachingPointGivesTheQuestionToAskOnItsOwnLine() {
        open("/calls/dana-report");
        List<String> asks = browser.findElements(By.cssSelector(".coaching .ask")).stream().map(WebElement::getText).toList();
        assertThat(asks).contains("Ask instead\n“What would you need to see?”", "Ask instead\n“What matters most to you in all this?”");
    }

    @Test
    void aCallThatIsNotThereIsAPageThatSaysSo() {
        open("/calls/no-such-call");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Nothing here");
        assertThat(browser.findElement(By.id("error")).getText()).contains("There is no call at /calls/no-such-call");
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"light, 420", "light, 1000", "dark, 420", "dark, 1000"})
    void theChartHasAScaleALegendForEverythingDrawnAndThemeColours(String theme, int width) throws Exception {
        Pages.width(browser, width);
        Pages.systemTheme(browser, theme.equals("dark") ? "light" : "dark");
        open("/calls/dana-report?theme=" + theme);
        WebElement chart = browser.findElement(By.id("timeline"));
        assertThat(chart.findElements(By.cssSelector(".y-tick"))).extracting(WebElement::getText).containsExactly("0", "33", "66", "100");
        assertThat(chart.findElements(By.cssSelector(".x-tick"))).extracting(WebElement::getText).startsWith("0:00", "1:00").hasSize(6);
        for (String drawn : List.of("bar-calm", "bar-warm", "bar-hot", "talk", "ref", "alert-mark")) {
            assertThat(chart.findElements(By.cssSelector("." + drawn))).as(drawn + " is drawn").isNotEmpty();
            WebElement key = browser.findElement(By.cssSelector("#legend li[data-key='" + drawn + "']"));
            assertThat(key.isDisplayed()).as("the legend explains " + drawn).isTrue();
        }
        int[] card = Pages.color(chart, "background-color");
        for (WebElement bar : chart.findElements(By.cssSelector("rect.bar-hot"))) {
            assertThat(Pages.color(bar, "fill")).as("bar and legend swatch agree")
                    .isEqualTo(Pages.color(browser.findElement(By.cssSelector("#legend .swatch.bar-hot")), "background-color"));
        }
        List<WebElement> marks = chart.findElements(By.cssSelector(".alert-mark"));
        assertThat(marks).extracting(m -> m.findElement(By.tagName("title")).getAttribute("textContent"))
                .containsExactly("0:40 Chasing the prospect: “just checking in”", "3:20 Pushing to close: “are you ready to sign”");
        assertThat(Pages.contrast(Pages.color(marks.get(0), "fill"), card)).as("markers stand out from the chart (3:1 for graphics)").isGreaterThanOrEqualTo(3);
        assertThat(Pages.contrast(Pages.color(chart.findElement(By.cssSelector(".talk")), "stroke"), card)).isGreaterThanOrEqualTo(3);
        assertThat(Pages.belowAA(browser)).as("texts below 4.5:1").isEmpty();
        assertThat(Pages.overflowsSideways(browser)).isFalse();
        boolean dark = theme.equals("dark");
        assertThat(Pages.luminance(Pages.color(browser.findElement(By.tagName("body")), "background-color"))).matches(l -> dark ? l < 0.05 : l > 0.8);
        Pages.screenshot(browser, "report-" + theme + "-" + width);
    }
}
