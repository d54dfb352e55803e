package dev.pressuremonitor.server.calls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pressuremonitor.server.calls.SummaryBuilderTest.CHASE;
import static dev.pressuremonitor.server.calls.SummaryBuilderTest.T0;
import static dev.pressuremonitor.server.calls.SummaryBuilderTest.call;
import static org.assertj.core.api.Assertions.assertThat;

/** What each report format tells a reader: the same figures everywhere, rounded, with the question to ask on its own. */
class SummaryFormatsTest {
    private final CallSummary summary = new SummaryBuilder(MindsetChart.standard()).build("call-1", call(
            new CallStarted("ana", "", T0, true),
            new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 32.300000000000004, 33.1, true, CHASE),
            new MetricsSnapshot(60.1, 0.55, 0, 30, 10, 140, 3, 2, 0, 0.7000000000000001, 40, List.of()),
            new CallEnded(234.70000000000002, "hangup")));

    private final CallSummary unknownStart = new SummaryBuilder(MindsetChart.standard()).build("call-2", call(
            new CallStarted("ana", "", 0, true),
            new CallEnded(234.70000000000002, "hangup")));

    @Test
    void jsonFiguresAreRoundedAndTheSuggestedQuestionHasItsOwnField() throws Exception {
        String json = SummaryJson.write(summary, false);
        assertThat(json).doesNotContainPattern("\\d\\.\\d{4,}").contains("\"duration\":234.7", "\"at\":32.3", "\"objectionPauses\":[0.7]");
        JsonNode chase = Json.readTree(json).get("coaching").findParents("title").stream()
                .filter(p -> p.get("title").asText().equals("You chased")).findFirst().orElseThrow();
        assertThat(chase.get("ask").asText()).isEqualTo(CHASE.ask());
        assertThat(chase.get("detail").asText()).doesNotContain(CHASE.ask());
    }

    @Test
    void theTextReportHasTheObjectionPauseAndTheClosedQuestionsLikeTheOthers() {
        String text = SummaryText.render(summary);
        assertThat(text).contains("questions           5 (3 open, 2 closed)").contains("objection pauses    0.7 s");
        assertThat(SummaryMarkdown.render(summary)).contains("5 (3 open, 2 closed)").contains("| Pause before answering objections | 0.7 s |");
    }

    @Test
    void everyFormatGivesTheQuestionToAskInstead() {
        String ask = "Ask instead: \"" + CHASE.ask() + "\"";
        assertThat(SummaryText.render(summary)).contains(ask);
        assertThat(SummaryMarkdown.render(summary)).contains(ask);
        assertThat(SummaryPage.render(summary)).contains("<span class=\"ask-label\">Ask instead</span> “" + Html.esc(CHASE.ask()) + "”");
    }

    @Test
    void anOfflineReportLinksNowhereAndNamesItsFileWithTheCallsOwnStart() {
        String page = SummaryPage.render(summary, SummaryPage.Context.offline("call.jsonl"));
        assertThat(page).contains("from call.jsonl · <time datetime=\"2025-11-28T08:53:20Z\">Fri 28 Nov 2025, 08:53 UTC</time> · 3:54 long")
                .doesNotContain("href=\"/", "src=\"/");
        assertThat(page).contains("<style>").contains("<script>");
    }

    @Test
    void anOfflineReportOfARecordingWithoutItsTimeNamesTheFileAndNoDate() {
        String page = SummaryPage.render(unknownStart, SummaryPage.Context.offline("call.wav"));
        assertThat(page).contains("from call.wav · 3:54 long").doesNotContain("<time");
    }

    @Test
    void textAndMarkdownNameTheRepsReportAndTheStartInTheReadersZone() {
        var paris = java.time.ZoneId.of("Europe/Paris");
        assertThat(SummaryText.render(summary, paris)).startsWith("Call report: ana\nFri 28 Nov 2025, 09:53 CET, 3:54, pressure score ");
        assertThat(SummaryMarkdown.render(summary, paris)).startsWith("# Call report: ana\n\nFri 28 Nov 2025, 09:53 CET · 3:54 · pressure score ");
        assertThat(SummaryMarkdown.render(summary)).as("the server's Markdown says its zone").contains("Fri 28 Nov 2025, 08:53 UTC · 3:54");
    }

    @Test
    void aCallWhoseStartIsNotKnownSaysRecordedCallAndInventsNoDate() throws Exception {
        assertThat(SummaryText.render(unknownStart)).startsWith("Call report: ana\nrecorded call, 3:54, ");
        assertThat(SummaryMarkdown.render(unknownStart)).contains("\n\nrecorded call · 3:54 · ").doesNotContain("1970");
        JsonNode json = Json.readTree(SummaryJson.write(unknownStart, false));
        assertThat(json.get("startedAt").isNull()).isTrue();
        assertThat(json.get("endedAt").isNull()).isTrue();
        assertThat(json.get("duration").asDouble()).isEqualTo(234.7);
    }

    @Test
    void aCallWithAKnownStartGivesItInJson() throws Exception {
        JsonNode json = Json.readTree(SummaryJson.write(summary, false));
        assertThat(json.get("startedAt").asLong()).isEqualTo(T0);
        assertThat(json.get("endedAt").asLong()).isEqualTo(T0 + 234_700);
    }
}
