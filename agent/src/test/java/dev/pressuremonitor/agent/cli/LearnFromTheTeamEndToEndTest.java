package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.CallFeedback;
import dev.pressuremonitor.models.FeedbackMark;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 14 from end to end, in a real headless Chromium against a team server with tokens, with the real agent,
 * feedback export, train and model push: a nudge the rep marks "not pressure" in the overlay and a moment the
 * manager marks missed in the report become the team's lines; the refit made from them is accepted, pushed, shown
 * on the team's rules page, and the next replay of the same call no longer nudges there. A refit that lowers
 * precision is refused with its comparison, and the server will not take it.
 */
class LearnFromTheTeamEndToEndTest {
    /** The shipped learned opinion hears CLOSE here, and no rule does; the team says it is not pressure. */
    static final String WELCOME_PACK = TrainWithFeedbackTest.WELCOME_PACK;
    /** Nothing hears pressure here; the manager says it was pushing to close. */
    static final String MISSED = "most of my customers sort this out on the first call";
    static final Pattern REPORT = Pattern.compile("report: \\S+/calls/(\\S+)");

    @TempDir
    Path dir;
    PressureServer server;
    ChromeDriver browser;
    String agentToken, viewer, manager;

    @BeforeEach
    void start() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium"), driver = Path.of("/usr/bin/chromedriver");
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(driver),
                "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver (.ci/run installs them)");
        System.setProperty("webdriver.chrome.driver", driver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--window-size=1000,1200", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
        browser = new ChromeDriver(options);
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true)
                .withDb("jdbc:sqlite:" + Files.createDirectories(dir.resolve("data")).resolve("pressure-monitor.db")));
        agentToken = server.store().createToken(Principal.Kind.AGENT, "ana", "emea");
        viewer = server.store().createToken(Principal.Kind.VIEWER, "ana", "emea");
        manager = server.store().createToken(Principal.Kind.TEAM, "*", "emea");
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
    }

    String http() {
        return "http://127.0.0.1:" + server.port();
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    Path call() throws Exception {
        return Files.writeString(dir.resolve("call.jsonl"), new VoskLines()
                .say("prospect", 0.0, "that sounds fine let us go with the starter plan")
                .say("rep", 3.5, WELCOME_PACK)
                .say("prospect", 10.5, "great thank you")
                .say("rep", 12.0, MISSED)
                .say("prospect", 16.0, "ok bye then").toString());
    }

    CliTest agent(Path call, String outbox, String speed) {
        return CliTest.run("", "agent", "--server", "ws://127.0.0.1:" + server.port(), "--token", agentToken, "--input", call.toString(),
                "--speed", speed, "--rep", "ana", "--team", "emea", "--keep-transcript", "--outbox", dir.resolve(outbox).toString(),
                "--team-models", dir.resolve("team-models").toString());
    }

    static String callId(CliTest run) {
        Matcher m = REPORT.matcher(run.out());
        assertThat(m.find()).as("the agent printed its report address:%n%s%n%s", run.out(), run.err()).isTrue();
        return m.group(1);
    }

    /** Nudges given on the welcome-pack line (said from 3.5 s on) of a stored call. */
    List<CallFeedback.Moment> welcomePackNudges(String callId) throws Exception {
        List<CallFeedback.Moment> out = new ArrayList<>();
        for (CallFeedback.Moment m : server.store().feedback().moments(callId)) if (m.at() >= 3.4 && m.at() < 10 && m.nudged()) out.add(m);
        return out;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aNudgeTheTeamMarkedNotPressureDoesNotComeBackOnceTheirRefitIsInUse() throws Exception {
        Path call = call();

        // the call, live, with ana's overlay open: she marks the nudge not pressure
        browser.get(http() + "/?rep=ana&team=emea&token=" + viewer);
        waiting().until(ExpectedConditions.textToBe(By.id("status"), "live"));
        CompletableFuture<CliTest> live = CompletableFuture.supplyAsync(() -> agent(call, "outbox-1", "2"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("nudge-phrase"), "ok so i will send the welcome pack"));
        browser.findElement(By.id("nudge-wrong")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("nudge-marked"), "Marked: not pressure. Thanks."));
        CliTest first = live.get(2, TimeUnit.MINUTES);
        assertThat(first.code()).as(first.err()).isZero();
        String firstCall = callId(first);
        assertThat(welcomePackNudges(firstCall)).as("the shipped model nudged on the welcome pack").singleElement()
                .satisfies(m -> assertThat(m.rule()).isEqualTo("learned.close"));

        // the report, opened by the manager: the moment nothing heard is marked as pushing to close
        browser.get(http() + "/calls/" + firstCall + "?token=" + manager);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("fb-lines")));
        WebElement line = browser.findElements(By.cssSelector("#fb-lines li.rep")).stream()
                .filter(l -> l.getText().contains(MISSED)).findFirst().orElseThrow();
        new Select(line.findElement(By.tagName("select"))).selectByValue("CLOSE");
        line.findElement(By.tagName("button")).click();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> server.store().feedback().forCall(firstCall).stream().anyMatch(m -> m.kind() == FeedbackMark.Kind.MISSED));

        // export, refit, push
        CliTest export = CliTest.run("", "feedback", "export", "--team", "emea", "--with-source", "--server", http(), "--token", manager);
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains(WELCOME_PACK).contains(MISSED);
        Path lines = Files.writeString(dir.resolve("emea.jsonl"), export.out());
        Path model = dir.resolve("emea-model.json");
        CliTest train = CliTest.run("", "train", "--corpus", SmallCorpus.create(dir).toString(), "--data", dir.resolve("cache").toString(),
                "--with-feedback", lines.toString(), "--out", model.toString());
        assertThat(train.code()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).contains("precision (may drop)").contains("ACCEPTED");
        CliTest push = CliTest.run("", "model", "push", "--team", "emea", model.toString(), "--data", dir.resolve("data").toString());
        assertThat(push.code()).as(push.err()).isZero();
        String sha = server.store().teamSettings().activeModel("emea").orElseThrow().sha256().substring(0, 12);

        // the team's rules page shows the refit in use
        browser.get(http() + "/team/rules?token=" + manager);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("model-state")));
        assertThat(browser.findElement(By.id("model-state")).getText()).startsWith("Refitted for this team: " + sha);

        // the same call again: the agent takes the team's model, and the welcome pack is no longer a nudge
        CliTest again = agent(call, "outbox-2", "0");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("using team 'emea''s refitted learned model " + sha);
        assertThat(welcomePackNudges(callId(again))).isEmpty();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aRefitThatLowersPrecisionIsRefusedWithItsComparisonAndTheServerKeepsTheModelInUse() throws Exception {
        // a mislabelled batch: small talk marked as pushing to close
        List<String> poison = new ArrayList<>();
        List<String> none = Files.readAllLines(Path.of("../seeds/corpus/domains/legacy.jsonl")).stream().filter(l -> l.contains("\"NONE\"")).limit(40).toList();
        for (int i = 0; i < none.size(); i++) {
            poison.add(TrainWithFeedbackTest.line("p" + i, "emea", "call-" + (i % 4), none.get(i).replaceAll(".*\"text\": \"([^\"]*)\".*", "$1"), "CLOSE"));
        }
        Path lines = Files.write(dir.resolve("emea.jsonl"), poison);
        Path model = dir.resolve("emea-model.json");

        CliTest train = CliTest.run("", "train", "--corpus", SmallCorpus.create(dir).toString(), "--data", dir.resolve("cache").toString(),
                "--with-feedback", lines.toString(), "--out", model.toString());
        CliTest push = CliTest.run("", "model", "push", "--team", "emea", model.toString(), "--data", dir.resolve("data").toString());

        assertThat(train.code()).isEqualTo(FeedbackRefit.REFUSED);
        assertThat(train.out()).contains("our held-out test domains").containsPattern("CLOSE\\s+1\\.000 -> 0\\.\\d+ .*PRECISION FELL")
                .contains("REFUSED: the refit would lower precision");
        assertThat(push.code()).isNotZero();
        assertThat(push.err()).contains("'train' refused this refit");
        assertThat(server.store().teamSettings().activeModel("emea")).isEmpty();
    }
}
