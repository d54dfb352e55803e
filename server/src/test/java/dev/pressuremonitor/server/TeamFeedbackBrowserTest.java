package dev.pressuremonitor.server;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.FeedbackMark;
import dev.pressuremonitor.models.MarkRequest;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.feedback.Marking;
import dev.pressuremonitor.server.pages.BrowserTest;
import dev.pressuremonitor.server.pages.Pages;
import dev.pressuremonitor.server.pages.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The manager's side of feedback on the team page, in a real headless Chromium: the false-nudge rates and reviewing reps' marks. */
class TeamFeedbackBrowserTest extends BrowserTest {
    static String emeaManager, apacManager;
    static Marking marking;
    static final Principal ANA = new Principal(Principal.Kind.VIEWER, "ana", "emea");

    @BeforeAll
    static void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true));
        emeaManager = server.access().issueEphemeral(Principal.Kind.TEAM, "*", "emea");
        apacManager = server.access().issueEphemeral(Principal.Kind.TEAM, "*", "apac");
        marking = new Marking(server.store(), Clock.systemUTC());
    }

    /** An ended call of ana of emea with one CHASE nudge (its alert id returned with the call id) by rule {@code rule}. */
    static String[] nudgedCall(String rule) throws Exception {
        String id = "team-fb-" + UUID.randomUUID().toString().substring(0, 8);
        Seed.endedCall(server, id, "ana", "emea", System.currentTimeMillis() - 3_600_000, List.of(
                new Alert(Category.CHASE, rule, "just checking in", Severity.MEDIUM, Speaker.REP, 10, 11, true,
                        new Reframe("never-chase", "Never chase.", "What changed?")),
                new CallEnded(60, "hangup")));
        long alert = server.store().feedback().moments(id).get(0).alert();
        return new String[]{id, String.valueOf(alert)};
    }

    static FeedbackMark anaMarksNotPressure(String[] call) throws Exception {
        return marking.mark(ANA, call[0], MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, Long.parseLong(call[1])));
    }

    void openTeamPage(String token) {
        open("/team?token=" + token, By.id("team-feedback"));
    }

    @Test
    void theManagerConfirmsARepsMarkWithOneClick() throws Exception {
        FeedbackMark m = anaMarksNotPressure(nudgedCall("chase.review-me"));
        openTeamPage(emeaManager);
        WebElement li = browser.findElement(By.cssSelector("#pending-marks li[data-mark='" + m.id() + "']"));
        assertThat(li.getText()).contains("ana not pressure: \u201cjust checking in\u201d (Chasing the prospect) at 0:10 of the call");
        li.findElement(By.cssSelector("button[data-review='confirmed']")).click();
        waiting().until(ExpectedConditions.textToBePresentInElement(li.findElement(By.className("fb-state")), "Confirmed."));
        assertThat(server.store().feedback().find(m.id()).orElseThrow().review()).isEqualTo(FeedbackMark.Review.CONFIRMED);
        Pages.screenshot(browser, "team-feedback");
    }

    @Test
    void aRepSeesOnTheirOwnPageThatTheManagerConfirmedTheirMark() throws Exception {
        FeedbackMark m = anaMarksNotPressure(nudgedCall("chase.seen-by-ana"));
        marking.review(new Principal(Principal.Kind.TEAM, "*", "emea"), m.id(), FeedbackMark.Review.CONFIRMED);
        open("/reps/ana?token=" + server.access().issueEphemeral(Principal.Kind.VIEWER, "ana", "emea"), By.id("rep-marks"));
        assertThat(browser.findElement(By.cssSelector("#rep-marks li[data-mark='" + m.id() + "']")).getText())
                .contains("not pressure: \u201cjust checking in\u201d (Chasing the prospect) at 0:10").endsWith("confirmed by the manager");
    }

    @Test
    void theFalseNudgeRateShowsPerCategoryAndPerRule() throws Exception {
        String rule = "chase.rate-" + UUID.randomUUID().toString().substring(0, 6);
        anaMarksNotPressure(nudgedCall(rule));
        nudgedCall(rule);
        openTeamPage(emeaManager);
        WebElement row = browser.findElement(By.cssSelector("#false-nudges tr[data-rule='" + rule + "']"));
        assertThat(row.getText()).isEqualTo(rule + " 2 1 50%");
        assertThat(browser.findElement(By.cssSelector("#false-nudges tr.category")).getText()).startsWith("Chasing the prospect all rules");
        assertThat(browser.findElement(By.id("turn-down")).getAttribute("href")).as("the way to turn a rule down")
                .endsWith("/team/rules?token=" + emeaManager);
    }

    @Test
    void anotherTeamsManagerSeesNoneOfTheseMarksOrRules() throws Exception {
        String rule = "chase.private-" + UUID.randomUUID().toString().substring(0, 6);
        anaMarksNotPressure(nudgedCall(rule));
        openTeamPage(apacManager);
        assertThat(browser.findElement(By.id("team-feedback")).getText()).doesNotContain(rule).doesNotContain("just checking in");
        assertThat(browser.findElements(By.id("no-pending"))).hasSize(1);
    }
}
