package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import static dev.pressuremonitor.server.calls.SummaryBuilderTest.CHASE;
import static dev.pressuremonitor.server.calls.SummaryBuilderTest.T0;
import static dev.pressuremonitor.server.calls.SummaryBuilderTest.call;
import static org.assertj.core.api.Assertions.assertThat;

/** The report shows a moment at the same second the terminal and the overlay showed it live. */
class SummaryClockTest {
    private final CallSummary summary = new SummaryBuilder(MindsetChart.standard()).build("call-1", call(
            new CallStarted("ana", "", T0, false),
            new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 10.6, 11.2, true, CHASE),
            new CallEnded(234.7, "hangup")));

    @Test
    void theTextReportShowsAnAlertAtTheSecondItStarted() {
        assertThat(SummaryText.render(summary)).contains("0:10  CHASE").doesNotContain("0:11").contains("3:54");
    }

    @Test
    void theMarkdownReportShowsAnAlertAtTheSecondItStarted() {
        assertThat(SummaryMarkdown.render(summary)).contains("- 0:10 CHASE").doesNotContain("0:11");
    }

    @Test
    void theHtmlReportShowsAnAlertAtTheSecondItStarted() {
        assertThat(SummaryPage.render(summary)).contains(">0:10</td>").doesNotContain("0:11");
    }
}
