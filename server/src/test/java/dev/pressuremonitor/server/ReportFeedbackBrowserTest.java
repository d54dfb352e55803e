package dev.pressuremonitor.server;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.FeedbackMark;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.Word;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.pages.BrowserTest;
import dev.pressuremonitor.server.pages.Pages;
import dev.pressuremonitor.server.pages.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A rep marks their call's report in a real headless Chromium: moments right or wrong, and pressure the coach missed. */
class ReportFeedbackBrowserTest extends BrowserTest {
    static String viewer;

    @BeforeAll
    static void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true));
        viewer = server.access().issueEphemeral(Principal.Kind.VIEWER, "ana", "emea");
    }

    static TranscriptSegment said(Speaker who, String text, double at) {
        List<Word> words = new ArrayList<>();
        for (String w : text.split(" ")) {
            words.add(new Word(w, at, at + 0.3, 1.0));
            at += 0.4;
        }
        return new TranscriptSegment(who, true, words);
    }

    /** ana's ended call with a CHASE nudge at 0:10; with {@code words}, its transcript too. Returns the call id. */
    static String call(boolean words) {
        String id = "report-fb-" + UUID.randomUUID().toString().substring(0, 8);
        List<Event> events = new ArrayList<>();
        if (words) {
            events.add(said(Speaker.PROSPECT, "we are still comparing a few options", 5));
            events.add(said(Speaker.REP, "just checking in to see where you are", 10));
            events.add(said(Speaker.REP, "if you sign today i can hold this price for you", 40));
        }
        events.add(new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 10, 11, true,
                new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side?")));
        events.add(new CallEnded(60, "hangup"));
        Seed.endedCall(server, id, "ana", "emea", System.currentTimeMillis() - 120_000, events);
        return id;
    }

    void openReport(String callId) {
        browser.get(url("/calls/" + callId + "?token=" + viewer));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("fb-moments")));
    }

    List<FeedbackMark> marks(String callId) throws Exception {
        return server.store().feedback().forCall(callId);
    }

    @Test
    void aPressureMomentMarkedNotPressureIsStoredAndShownAsWaitingForTheManager() throws Exception {
        String id = call(false);
        openReport(id);
        WebElement moment = browser.findElement(By.cssSelector("#fb-moments li"));
        assertThat(moment.getText()).startsWith("0:10 Chasing the prospect \u201cjust checking in\u201d");
        moment.findElement(By.cssSelector("button.fb-wrong")).click();
        waiting().until(ExpectedConditions.textToBe(By.cssSelector("#fb-moments li .fb-state"), "ana: not pressure (waiting for the manager)"));
        assertThat(marks(id)).extracting(FeedbackMark::kind).containsExactly(FeedbackMark.Kind.NOT_PRESSURE);
        Pages.screenshot(browser, "report-feedback-marked");
    }

    @Test
    void aMomentMarkedRightIsStoredAsConfirmed() throws Exception {
        String id = call(false);
        openReport(id);
        browser.findElement(By.cssSelector("#fb-moments li button.fb-right")).click();
        waiting().until(ExpectedConditions.textToBe(By.cssSelector("#fb-moments li .fb-state"), "ana: right (waiting for the manager)"));
        assertThat(marks(id)).extracting(FeedbackMark::kind).containsExactly(FeedbackMark.Kind.CONFIRMED);
    }

    @Test
    void aKeptLineOfTheRepIsMarkedMissedWithItsCategoryAndWords() throws Exception {
        String id = call(true);
        openReport(id);
        WebElement line = browser.findElements(By.cssSelector("#fb-lines li.rep")).get(1);
        assertThat(line.getText()).contains("if you sign today i can hold this price for you");
        new Select(line.findElement(By.tagName("select"))).selectByValue("CLOSE");
        line.findElement(By.tagName("button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#fb-lines li.rep:nth-of-type(3) .fb-state"),
                "ana: missed: Pushing to close"));
        assertThat(marks(id)).singleElement().satisfies(m -> {
            assertThat(m.category()).isEqualTo(Category.CLOSE);
            assertThat(m.words()).isEqualTo("if you sign today i can hold this price for you");
            assertThat(m.context()).isEqualTo("we are still comparing a few options");
        });
        assertThat(browser.findElements(By.cssSelector("#fb-lines li.prospect button"))).as("the prospect's lines carry no control").isEmpty();
    }

    @Test
    void withoutKeptWordsAStretchOfTheCallIsMarkedMissed() throws Exception {
        String id = call(false);
        openReport(id);
        assertThat(browser.findElements(By.id("fb-lines"))).isEmpty();
        browser.findElement(By.id("fb-from")).sendKeys("0:40");
        browser.findElement(By.id("fb-to")).sendKeys("0:50");
        new Select(browser.findElement(By.id("fb-category"))).selectByValue("URGENCY");
        browser.findElement(By.id("fb-stretch")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("fb-stretch-state"), "ana: missed: Making up urgency (waiting for the manager)"));
        assertThat(marks(id)).singleElement().satisfies(m -> {
            assertThat(m.start()).isEqualTo(40.0);
            assertThat(m.end()).isEqualTo(50.0);
            assertThat(m.words()).isNull();
        });
    }

    @Test
    void aStretchThatEndsBeforeItStartsIsExplainedAndNotSent() throws Exception {
        String id = call(false);
        openReport(id);
        browser.findElement(By.id("fb-from")).sendKeys("0:50");
        browser.findElement(By.id("fb-to")).sendKeys("0:40");
        browser.findElement(By.id("fb-stretch")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("fb-stretch-state"), "like 1:05 and 1:20"));
        assertThat(marks(id)).isEmpty();
    }

    @Test
    void aStretchTheServerRefusesShowsTheServersReasonAndIsNotStored() throws Exception {
        String id = call(false);
        openReport(id);
        browser.findElement(By.id("fb-from")).sendKeys("1:10");
        browser.findElement(By.id("fb-to")).sendKeys("1:20");
        browser.findElement(By.id("fb-stretch")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("fb-stretch-state"), "Not saved: the call lasted"));
        assertThat(browser.findElement(By.id("fb-stretch-state")).getText()).contains("starts after it ended");
        assertThat(marks(id)).isEmpty();
    }
}
