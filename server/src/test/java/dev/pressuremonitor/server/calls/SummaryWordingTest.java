package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.MindsetChart;
import org.junit.jupiter.api.Test;

import static dev.pressuremonitor.server.calls.SummaryBuilderTest.T0;
import static dev.pressuremonitor.server.calls.SummaryBuilderTest.call;
import static dev.pressuremonitor.server.calls.SummaryBuilderTest.metrics;
import static org.assertj.core.api.Assertions.assertThat;

/** A summary says what the detector found, and never claims that the call had no pressure. */
class SummaryWordingTest {
    private final CallSummary quiet = new SummaryBuilder(MindsetChart.standard()).build("call-1", call(
            new CallStarted("ana", "", T0, true),
            metrics(100, 0.4, 20, 5, 3, 1, 0, null, 9),
            new CallEnded(120, "hangup")));

    @Test
    void aCallWithoutAlertsSaysNoPressureMomentsWereDetected() {
        assertThat(quiet.coaching()).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("No pressure moments detected");
            assertThat(p.detail()).doesNotContain("Nothing in this call pushed").contains("knows only the phrasings it has rules for");
        });
    }

    @Test
    void theTextReportNamesWhatWasDetectedNotWhatWasHeard() {
        assertThat(SummaryText.render(quiet)).contains("Pressure moments detected\n  None detected.")
                .contains("Trust signals detected\n  None detected.").doesNotContain("No pressure heard").doesNotContain("none heard");
    }

    @Test
    void theMarkdownReportNamesWhatWasDetected() {
        assertThat(SummaryMarkdown.render(quiet)).contains("## Pressure moments detected\n\nNone detected.")
                .contains("## Trust signals detected\n\nNone detected.").doesNotContain("heard");
    }

    @Test
    void theHtmlReportNamesWhatWasDetected() {
        assertThat(SummaryPage.render(quiet)).contains("<h2>Pressure moments detected</h2><p>None detected.</p>")
                .contains("<h2>Trust signals detected</h2><p>None detected.</p>").doesNotContain("No pressure heard");
    }
}
