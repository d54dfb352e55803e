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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.pages.BrowserTest;
import dev.pressuremonitor.server.pages.Pages;
import dev.pressuremonitor.server.pages.Seed;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlay page in a real headless Chromium, as a rep sees it mid-call: what it shows, in which colours, at
 * 420 and 1000 px, light and dark. Screenshots land in target/screens for people to look at.
 */
class OverlayBrowserTest extends BrowserTest {

    @BeforeAll
    static void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0));
        // a test may take over a page's clock: once frozen, Date.now() stands still until the test moves it
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
                "(function () { var real = Date.now, frozen = null, offset = 0;"
                        + " window.__freezeClock = function () { frozen = real(); };"
                        + " window.__advanceClock = function (ms) { offset += ms; };"
                        + " Date.now = function () { return (frozen === null ? real() : frozen) + offset; }; })();"));
    }

    private static void freezeClock() {
        browser.executeScript("window.__freezeClock();");
    }

    private static void advanceClock(long millis) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.__advanceClock(arguments[0]);", millis);
    }

    @BeforeEach
    void plainBrowser() {
        Pages.width(browser, 420);
        Pages.systemTheme(browser, "light");
    }

    private static void push(Event e) {
        push("browser-call", e);
    }

    private static void push(String callId, Event e) {
        Seed.send(server, callId, e);
    }

    private static Alert alert(Category c, String phrase, double at) {
        return new Alert(c, c.name().toLowerCase() + ".rule", phrase, Severity.MEDIUM, Speaker.REP, at, at + 0.6, true,
                new Reframe("find-fit", "The goal is to find out whether there is a fit.", "What would you need to see to move ahead?"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private boolean shown(String id) {
        return browser.findElement(By.id(id)).isDisplayed();
    }

    @Test
    void aPushedAlertAppearsInTheOverlayWithItsReframe() throws Exception {
        browser.get(url("/?rep=ana"));
        WebDriverWait wait = waiting();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
        freezeClock();
        assertThat(browser.findElement(By.id("gauge-fill")).getSize().getWidth()).as("an empty gauge before any metrics").isZero();

        push(new CallStarted("ana", "emea", System.currentTimeMillis(), true));
        push(new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 65.7, 66.2, true,
                new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side since we spoke?")));
        push(new MetricsSnapshot(70, 0.71, 42, 80, 10, 150, 2, 1, 0, null, 48, List.of("talk-share-high")));

        wait.until(ExpectedConditions.textToBe(By.id("nudge-phrase"), "just checking in"));
        assertThat(browser.findElement(By.id("nudge-category")).getText()).as("plain words, not the API's code").isEqualTo("Chasing the prospect");
        assertThat(browser.findElement(By.id("nudge-trust")).getText()).isEqualTo("Never chase; get to the truth about fit.");
        assertThat(browser.findElement(By.id("nudge-ask")).getText()).isEqualTo("Has something changed on your side since we spoke?");
        assertThat(browser.findElement(By.id("nudge-time")).getText()).as("the report's clock").isEqualTo(dev.pressuremonitor.models.Clock.format(65.7));
        wait.until(ExpectedConditions.textToBe(By.id("gauge-value"), "48"));
        assertThat(browser.findElement(By.id("talk-share")).getText()).isEqualTo("71%");
        // the monologue timer keeps running between metrics, for four seconds at most
        assertThat(browser.findElement(By.id("monologue")).getText()).isEqualTo("0:42");
        advanceClock(2_500);
        wait.until(ExpectedConditions.textToBe(By.id("monologue"), "0:44"));
        advanceClock(1_500);
        wait.until(ExpectedConditions.textToBe(By.id("monologue"), "0:46"));
        assertThat(browser.findElement(By.id("warnings")).getText()).isEqualTo("You are doing most of the talking.");

        Pages.screenshot(browser, "overlay-live");
    }

    @Test
    void theOverlayReconnectsByItselfWhenTheServerRestarts() throws Exception {
        int port = server.port();
        browser.get("http://127.0.0.1:" + port + "/?rep=ben");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
        server.close();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "offline"));
        wait.until(ExpectedConditions.textToBe(By.id("problem-title"), "Can't reach Pressure Monitor"));
        assertThat(text("problem-text")).contains("If 'pressure-monitor run' was stopped, start it again");
        assertThat(shown("calm")).as("offline is not a quiet call").isFalse();
        server = PressureServer.start(ServerConfig.defaults().withPort(port));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
        assertThat(shown("problem")).isFalse();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.overlays().subscribers() == 1);
    }

    @Test
    void anUnknownTokenSaysTheAddressIsNotSignedInAndWhatToOpen(@TempDir Path dir) throws Exception {
        try (PressureServer guarded = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true)
                .withDb("jdbc:sqlite:" + dir.resolve("guarded.db")))) {
            browser.get("http://127.0.0.1:" + guarded.port() + "/?rep=ana&token=pm_from_yesterdays_run_123");
            waiting().until(ExpectedConditions.textToBe(By.id("problem-title"), "This address is not signed in"));
            assertThat(text("status")).isEqualTo("offline");
            assertThat(text("problem-text")).contains("open the one it printed last").contains("token create --kind viewer");
            assertThat(text("problem-retry")).isEqualTo("Trying again in 30 s.");
            assertThat(shown("calm")).as("offline is not a quiet call").isFalse();
            assertThat(browser.findElement(By.id("overlay")).getAttribute("data-state")).isEqualTo("offline");
            Pages.screenshot(browser, "overlay-offline-light-420");
            assertThat(Pages.belowAA(browser)).isEmpty();
        }
    }

    @Test
    void aViewerTokenForAnotherRepSaysWhoseItIs(@TempDir Path dir) throws Exception {
        try (PressureServer guarded = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true)
                .withDb("jdbc:sqlite:" + dir.resolve("guarded.db")))) {
            String anas = guarded.access().issueEphemeral(Principal.Kind.VIEWER, "ana", "emea");
            browser.get("http://127.0.0.1:" + guarded.port() + "/?rep=ben&token=" + anas);
            waiting().until(ExpectedConditions.textToBe(By.id("problem-title"), "This address cannot watch this rep"));
            assertThat(text("problem-text")).startsWith("This token is ana's, not ben's");
        }
    }

    @Test
    void anAddressWithoutARepSaysSoAtOnce() {
        browser.get(url("/"));
        waiting().until(ExpectedConditions.textToBe(By.id("problem-title"), "This address has no rep name"));
        assertThat(text("status")).isEqualTo("offline");
    }

    @Test
    void theCallClockRunsAndANudgeSettlesThenJoinsTheShortHistory() {
        openLiveOverlay("?rep=cleo&fade=1");
        push("fade-call", new CallStarted("cleo", "emea", System.currentTimeMillis(), true));
        push("fade-call", new MetricsSnapshot(95, 0.5, 3, 20, 10, 140, 1, 0, 0, null, 20, List.of()));
        push("fade-call", alert(Category.CHASE, "just checking in", 96));
        waiting().until(ExpectedConditions.textToBe(By.id("nudge-phrase"), "just checking in"));
        assertThat(text("call-clock")).as("the call's time, from what the agent reported").matches("1:3[6-9]");
        assertThat(browser.findElement(By.id("nudge")).getAttribute("data-age")).isEqualTo("fresh");

        waiting().until(ExpectedConditions.attributeToBe(By.id("nudge"), "data-age", "settling"));
        assertThat(shown("nudge")).as("settled, still there for a glance").isTrue();
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("nudge")));
        assertThat(text("calm")).isEqualTo("No pressure heard since 1:36. Keep the conversation going.");
        assertThat(browser.findElements(By.cssSelector("#history li"))).extracting(WebElement::getText)
                .containsExactly("1:36 Chasing the prospect \u201cjust checking in\u201d not pressure");
        assertThat(text("history-title")).isEqualTo("Earlier in this call");
        String before = text("call-clock");
        waiting().until(d -> !text("call-clock").equals(before));
    }

    @Test
    void theEndOfTheCallCalmsThePageAndShowsTheScoreAndTheWayToTheReport() throws Exception {
        openLiveOverlay("?rep=dora");
        push("ended-call", new CallStarted("dora", "emea", System.currentTimeMillis() - 200_000, true));
        push("ended-call", alert(Category.DEFEND, "it pays for itself", 36));
        push("ended-call", new MetricsSnapshot(110, 0.8, 50, 50, 60, 160, 1, 3, 0, null, 83, List.of("talk-share-high")));
        push("ended-call", new CallEnded(112, "hangup"));
        waiting().until(ExpectedConditions.textToBe(By.id("status"), "call ended"));
        int score = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> server.store().summary("ended-call").filter(s -> s.ended()).map(s -> s.pressureScore()), java.util.Optional::isPresent).get();
        waiting().until(ExpectedConditions.textToBe(By.id("ended-score"), String.valueOf(score)));
        assertThat(text("ended-at")).isEqualTo("at 1:52");
        assertThat(browser.findElement(By.id("report-link")).getAttribute("href")).endsWith("/calls/ended-call");
        assertThat(shown("gauges")).as("no red gauge after the call").isFalse();
        assertThat(shown("nudge")).isFalse();
        assertThat(browser.findElements(By.cssSelector("#history li"))).hasSize(1);
        Pages.screenshot(browser, "overlay-ended-light-420");
    }

    @Test
    void categoriesReadAsPlainWordsForEveryPressureCategory() {
        openLiveOverlay("?rep=eli");
        push("words-call", new CallStarted("eli", "", System.currentTimeMillis(), false));
        double at = 10;
        for (Category c : Category.pressure()) {
            push("words-call", alert(c, "words for " + c.name().toLowerCase(), at += 10));
            waiting().until(ExpectedConditions.textToBe(By.id("nudge-phrase"), "words for " + c.name().toLowerCase()));
            assertThat(text("nudge-category")).isEqualTo(c.plainWords());
        }
        assertThat(Category.COUNTER.plainWords()).isEqualTo("Arguing with the objection");
        assertThat(Category.DEFEND.plainWords()).isEqualTo("Defending the price");
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"light, 420", "light, 1000", "dark, 420", "dark, 1000"})
    void everyTextKeepsAAContrastInTheChosenThemeAndNothingSpillsSideways(String theme, int width) throws Exception {
        Pages.width(browser, width);
        // the theme in the address wins over the system's: the opposite system theme must not leak in
        Pages.systemTheme(browser, theme.equals("dark") ? "light" : "dark");
        String rep = "fay-" + theme + width;
        openLiveOverlay("?rep=" + rep + "&theme=" + theme);
        String call = "theme-" + theme + width;
        push(call, new CallStarted(rep, "emea", System.currentTimeMillis(), true));
        push(call, alert(Category.CHASE, "just wanted to circle back", 12));
        push(call, alert(Category.COUNTER, "i hear you but", 30));
        push(call, new MetricsSnapshot(44, 0.71, 42, 80, 10, 150, 2, 1, 0, null, 72, List.of("talk-share-high")));
        waiting().until(ExpectedConditions.textToBe(By.id("nudge-phrase"), "i hear you but"));
        waiting().until(ExpectedConditions.textToBe(By.id("gauge-value"), "72"));
        Pages.screenshot(browser, "overlay-live-" + theme + "-" + width);

        boolean dark = theme.equals("dark");
        int[] page = Pages.color(browser.findElement(By.tagName("body")), "background-color");
        assertThat(Pages.luminance(page)).as("page background").matches(l -> dark ? l < 0.05 : l > 0.8);
        int[] accent = Pages.color(browser.findElement(By.id("nudge-category")), "color");
        int[] card = Pages.color(browser.findElement(By.id("nudge")), "background-color");
        assertThat(Pages.contrast(accent, card)).as("the category on its card").isGreaterThanOrEqualTo(Pages.AA);
        assertThat(Pages.belowAA(browser)).as("texts below 4.5:1").isEmpty();
        assertThat(Pages.overflowsSideways(browser)).isFalse();

        push(call, new CallEnded(60, "hangup"));
        waiting().until(ExpectedConditions.textToBe(By.id("status"), "call ended"));
        Pages.screenshot(browser, "overlay-ended-" + theme + "-" + width);
        assertThat(Pages.belowAA(browser)).as("texts below 4.5:1 after the call").isEmpty();
    }
}
