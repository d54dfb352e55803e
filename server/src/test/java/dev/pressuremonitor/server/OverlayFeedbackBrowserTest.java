package dev.pressuremonitor.server;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.FeedbackMark;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.pages.BrowserTest;
import dev.pressuremonitor.server.pages.Pages;
import dev.pressuremonitor.server.pages.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rep marks a nudge "not pressure" from the overlay, in a real headless Chromium, on a server with tokens: one
 * click or the N key, a quiet confirmation, and the page never takes the focus (it may be a browser source beside
 * the video call).
 */
class OverlayFeedbackBrowserTest extends BrowserTest {
    @BeforeAll
    static void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true));
        // counts every call that would move the focus: the page must make none
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
                "(function () { window.__focusCalls = 0; var f = HTMLElement.prototype.focus, w = window.focus;"
                        + " HTMLElement.prototype.focus = function () { window.__focusCalls++; return f.apply(this, arguments); };"
                        + " window.focus = function () { window.__focusCalls++; return w.apply(this, arguments); }; })();"));
    }

    /** A call of a new rep of emea (a rep has only so many open calls), her overlay open with one CHASE nudge on show; returns the call id. */
    String nudgeOnShow() {
        String rep = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        openLiveOverlay("?rep=" + rep + "&team=emea&token=" + server.access().issueEphemeral(Principal.Kind.VIEWER, rep, "emea"));
        String callId = "overlay-fb-" + UUID.randomUUID().toString().substring(0, 8);
        Seed.send(server, callId, new CallStarted(rep, "emea", System.currentTimeMillis(), true));
        Seed.send(server, callId, new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 65, 66, true,
                new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side?")));
        waiting().until(ExpectedConditions.textToBe(By.id("nudge-phrase"), "just checking in"));
        return callId;
    }

    List<FeedbackMark> marks(String callId) throws Exception {
        return server.store().feedback().forCall(callId);
    }

    @Test
    void oneClickMarksTheNudgeNotPressureAsTheRepsMarkAndSaysSoQuietly() throws Exception {
        String callId = nudgeOnShow();
        browser.findElement(By.id("nudge-wrong")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("nudge-marked"), "Marked: not pressure. Thanks."));
        assertThat(browser.findElement(By.id("nudge-wrong")).isDisplayed()).as("the control gives way to the confirmation").isFalse();
        List<FeedbackMark> marks = marks(callId);
        assertThat(marks).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(FeedbackMark.Kind.NOT_PRESSURE);
            assertThat(m.markedBy()).as("the rep's own mark").isEqualTo(m.rep());
            assertThat(m.role()).isEqualTo(FeedbackMark.Role.REP);
            assertThat(m.rule()).isEqualTo("chase.checking-in");
        });
        Pages.screenshot(browser, "overlay-marked-not-pressure");
    }

    @Test
    void theNKeyMarksTheNudgeOnShowWhenThePageHasTheFocus() throws Exception {
        String callId = nudgeOnShow();
        browser.findElement(By.tagName("body")).sendKeys("n");
        waiting().until(ExpectedConditions.textToBe(By.id("nudge-marked"), "Marked: not pressure. Thanks."));
        await().atMost(Duration.ofSeconds(5)).until(() -> marks(callId).size() == 1);
    }

    @Test
    void aReloadedPageShowsTheNudgeAlreadyMarked() throws Exception {
        nudgeOnShow();
        browser.findElement(By.id("nudge-wrong")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("nudge-marked"), "Marked: not pressure. Thanks."));
        browser.navigate().refresh();
        waiting().until(ExpectedConditions.textToBe(By.id("nudge-marked"), "Marked: not pressure. Thanks."));
        assertThat(browser.findElement(By.id("nudge-wrong")).isDisplayed()).isFalse();
    }

    @Test
    void neitherANudgeArrivingNorAClickOnItMovesTheFocus() {
        nudgeOnShow();
        browser.findElement(By.id("nudge-wrong")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("nudge-marked"), "Marked: not pressure. Thanks."));
        assertThat(((Number) browser.executeScript("return window.__focusCalls;")).intValue()).as("calls to focus()").isZero();
        assertThat(browser.executeScript("return document.activeElement === document.body;")).as("the click leaves no control focused").isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("[autofocus]"))).isEmpty();
    }
}
