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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The overlay page in a real headless Chromium: a pushed alert shows up in the DOM. */
class OverlayBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    static PressureServer server;
    static WebDriver browser;
    static long seq;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver (.ci/run installs them)");
        server = PressureServer.start(ServerConfig.defaults().withPort(0));
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=800,1400", "--user-data-dir=" + Files.createTempDirectory("pm-chromium"));
        browser = new ChromeDriver(options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
    }

    private static void push(Event e) {
        String json = EventCodec.encode(new Envelope("browser-call", ++seq, System.currentTimeMillis(), e));
        assertThat(server.ingest().ingest(json).join().isAck()).isTrue();
    }

    @Test
    void aPushedAlertAppearsInTheOverlayWithItsReframe() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/?rep=ana");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
        assertThat(browser.findElement(By.id("gauge-fill")).getSize().getWidth()).as("an empty gauge before any metrics").isZero();

        push(new CallStarted("ana", "emea", System.currentTimeMillis(), true));
        push(new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 65.7, 66.2, true,
                new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side since we spoke?")));
        push(new MetricsSnapshot(70, 0.71, 42, 80, 10, 150, 2, 1, 0, null, 48, List.of("talk-share-high")));

        wait.until(ExpectedConditions.textToBe(By.id("nudge-phrase"), "just checking in"));
        assertThat(browser.findElement(By.id("nudge-category")).getText()).isEqualToIgnoringCase("Chase");
        assertThat(browser.findElement(By.id("nudge-trust")).getText()).isEqualTo("Never chase; get to the truth about fit.");
        assertThat(browser.findElement(By.id("nudge-ask")).getText()).isEqualTo("Has something changed on your side since we spoke?");
        assertThat(browser.findElement(By.id("nudge-time")).getText()).as("the report's clock").isEqualTo(dev.pressuremonitor.models.Clock.format(65.7));
        wait.until(ExpectedConditions.textToBe(By.id("gauge-value"), "48"));
        assertThat(browser.findElement(By.id("talk-share")).getText()).isEqualTo("71%");
        // the monologue timer keeps running between metrics, a few seconds at most
        assertThat(browser.findElement(By.id("monologue")).getText()).matches("0:4[2-6]");
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("monologue"), "0:42")));
        assertThat(browser.findElement(By.id("monologue")).getText()).matches("0:4[3-6]");
        assertThat(browser.findElement(By.id("warnings")).getText()).isEqualTo("You are doing most of the talking.");

        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "overlay.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theOverlayReconnectsByItselfWhenTheServerRestarts() throws Exception {
        int port = server.port();
        browser.get("http://127.0.0.1:" + port + "/?rep=ben");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
        server.close();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "offline"));
        server = PressureServer.start(ServerConfig.defaults().withPort(port));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.overlays().subscribers() == 1);
    }

    @Test
    void theCallReportRendersWithItsTimeline() throws Exception {
        String id = "report-call";
        long t0 = System.currentTimeMillis() - 600_000;
        Reframe r = new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side?");
        long n = 0;
        for (Event e : List.<Event>of(new CallStarted("dana", "emea", t0, true),
                new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 40, 41, true, r),
                new MetricsSnapshot(60, 0.5, 0, 30, 10, 140, 2, 1, 0, null, 35, List.of()),
                new Alert(Category.CLOSE, "close.ready-to-sign", "are you ready to sign", Severity.HIGH, Speaker.REP, 200, 201, true,
                        new Reframe("find-fit", "The goal is to find out whether there is a fit.", "What would you need to see?")),
                new MetricsSnapshot(240, 0.7, 0, 150, 90, 150, 4, 2, 1, 0.6, 70, List.of()),
                new MetricsSnapshot(300, 0.68, 0, 150, 90, 150, 5, 2, 1, 0.6, 55, List.of()),
                new CallEnded(320, "hangup"))) {
            assertThat(server.ingest().ingest(EventCodec.encode(new Envelope(id, ++n, System.currentTimeMillis(), e))).join().isAck()).isTrue();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.store().summary(id).map(s -> s.ended()).orElse(false));
        browser.get("http://127.0.0.1:" + server.port() + "/calls/" + id);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Call with dana");
        assertThat(browser.findElements(By.cssSelector("#timeline rect.bucket"))).as("320 s in 15 s buckets").hasSize(22);
        assertThat(browser.findElements(By.cssSelector("#timeline path.alert-mark"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#timeline path.talk")).getAttribute("d")).startsWith("M");
        assertThat(browser.findElement(By.cssSelector("#timeline")).getSize().getWidth()).isGreaterThan(300);
        assertThat(browser.findElement(By.cssSelector(".coaching li h3")).getText()).startsWith("You did most of the talking");
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "call-report.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
