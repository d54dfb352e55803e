package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandTest {
    static final String CALL = new VoskLines()
            .say("rep", 1.0, "hi thanks for the time")
            .say("rep", 5.0, "just checking in on the proposal i sent")
            .say("prospect", 9.0, "we are happy with our current vendor")
            .say("rep", 12.0, "that makes sense what do you like about them")
            .toString();

    @Test
    void summarisesARecordedCallAsJsonWithTheServersBuilder(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), CALL);
        CliTest r = CliTest.run("", "analyze", call.toString(), "--format", "json", "--rep", "ana");
        assertThat(r.code()).isZero();
        JsonNode s = Json.readTree(r.out());
        assertThat(s.get("rep").asText()).isEqualTo("ana");
        assertThat(s.get("ended").asBoolean()).isTrue();
        assertThat(s.get("alerts")).hasSize(1);
        assertThat(s.get("alerts").get(0).get("category").asText()).isEqualTo("CHASE");
        assertThat(s.get("trustSignals").get(0).get("phrase").asText()).isEqualTo("that makes sense");
        assertThat(s.get("coaching").findValuesAsText("title")).contains("You chased");
        assertThat(s.get("openQuestions").asInt()).isEqualTo(1);
    }

    @Test
    void aRecordingThatSaysWhenItStartedIsDatedByItInEveryFormat(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), "{\"started_at\": \"2026-11-20T12:00:00Z\"}\n" + CALL);
        JsonNode json = Json.readTree(CliTest.run("", "analyze", call.toString(), "--format", "json").out());
        assertThat(json.get("startedAt").asLong()).isEqualTo(java.time.Instant.parse("2026-11-20T12:00:00Z").toEpochMilli());
        assertThat(json.get("endedAt").asLong()).isEqualTo(json.get("startedAt").asLong() + Math.round(json.get("duration").asDouble() * 1000));
        assertThat(CliTest.run("", "analyze", call.toString(), "--rep", "ana").out()).as("the reader's zone; noon UTC is the 20th everywhere")
                .startsWith("Call report: ana\nFri 20 Nov 2026, ");
        assertThat(CliTest.run("", "analyze", call.toString(), "--format", "md").out()).contains("\n\nFri 20 Nov 2026, ");
        assertThat(CliTest.run("", "analyze", call.toString(), "--format", "html").out()).contains("from call.jsonl · <time datetime=\"2026-11-20T12:00:00Z\">");
    }

    @Test
    void aRecordingThatDoesNotSayWhenItStartedIsNotDatedByTheAnalysis(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), CALL);
        JsonNode json = Json.readTree(CliTest.run("", "analyze", call.toString(), "--format", "json").out());
        assertThat(json.get("startedAt").isNull()).as("no invented start").isTrue();
        assertThat(json.get("endedAt").isNull()).isTrue();
        assertThat(CliTest.run("", "analyze", call.toString(), "--rep", "ana").out()).startsWith("Call report: ana\nrecorded call, 0:");
        assertThat(CliTest.run("", "analyze", call.toString(), "--format", "md").out()).contains("\n\nrecorded call · 0:");
        assertThat(CliTest.run("", "analyze", call.toString(), "--format", "html").out()).contains("from call.jsonl · 0:").doesNotContain("<time");
    }

    @Test
    void aStartTimeWithoutItsOffsetIsSkippedSayingWhatItNeeds(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), "{\"started_at\": \"20 Nov 2026\"}\n" + CALL);
        CliTest r = CliTest.run("", "analyze", call.toString(), "--format", "json");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains(call + ":1: skipped: field 'started_at' must be a time with its offset, such as \"2026-11-20T14:03:00+01:00\"");
        assertThat(Json.readTree(r.out()).get("startedAt").isNull()).isTrue();
    }

    @Test
    void writesAStandaloneHtmlReportToAFile(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), CALL);
        Path html = dir.resolve("report.html");
        CliTest r = CliTest.run("", "analyze", call.toString(), "--format", "html", "--out", html.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("wrote " + html);
        String page = Files.readString(html);
        assertThat(page).contains("<svg id=\"timeline\"").contains("<style>").doesNotContain("href=\"/summary.css\"");
    }

    @Test
    void aMissingFileIsNamed() {
        CliTest r = CliTest.run("", "analyze", "nope.jsonl");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such file: nope.jsonl");
    }

    @Test
    void aTranscriptWithTextButNoWordTimingsIsAnalysedWithEstimatedTimesAndSaysSo(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), """
                {"speaker":"rep","text":"hi thanks for the time"}
                {"speaker":"rep","text":"just checking in on the proposal i sent"}
                {"speaker":"prospect","text":"we are happy with our current vendor"}
                """);
        CliTest r = CliTest.run("", "analyze", call.toString(), "--format", "json");
        assertThat(r.code()).isZero();
        assertThat(r.err()).containsOnlyOnce("times are estimated");
        JsonNode s = Json.readTree(r.out());
        assertThat(s.get("alerts")).hasSize(1);
        assertThat(s.get("alerts").get(0).get("category").asText()).isEqualTo("CHASE");
        assertThat(s.get("duration").asDouble()).isPositive();
    }

    @Test
    void aTranscriptWithoutASingleWordIsRefusedNotReportedAsAnEmptyCall(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), """
                {"speaker":"rep","text":""}
                {"speaker":"prospect","partial":"so"}
                """);
        CliTest r = CliTest.run("", "analyze", call.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(call + " has 2 Vosk result(s) but not one word in them");
    }

    @Test
    void aPrettyPrintedTranscriptIsAnalysed(@TempDir Path dir) throws Exception {
        StringBuilder pretty = new StringBuilder();
        for (String line : CALL.split("\n")) pretty.append(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.readTree(line))).append('\n');
        Path call = Files.writeString(dir.resolve("call.jsonl"), pretty);
        CliTest r = CliTest.run("", "analyze", call.toString(), "--format", "json");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(Json.readTree(r.out()).get("alerts").get(0).get("category").asText()).isEqualTo("CHASE");
    }

    @Test
    void aRecordedCallIsRecognisedByItsContentWhateverItsName(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.txt"), CALL);
        CliTest r = CliTest.run("", "analyze", call.toString(), "--format", "json");
        assertThat(r.code()).isZero();
        assertThat(Json.readTree(r.out()).get("alerts")).hasSize(1);
    }

    @Test
    void aFileThatIsNeitherACallNorAudioGetsOneLineThatSaysWhatToPass(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "rep: hi thanks for the time\nprospect: sure\n");
        CliTest r = CliTest.run("", "analyze", notes.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pressure-monitor: " + notes + " is neither a recorded call (Vosk JSON results, one a line) nor audio (WAV):"
                + " it starts with 'rep: hi thanks for the t...'. Pass a .jsonl transcript or a .wav recording\n");
    }

    @Test
    void aBrokenWavFileIsAUserMistakeNotAStackTrace(@TempDir Path dir) throws Exception {
        Path wav = Files.write(dir.resolve("call.wav"), "RIFF\0\0\0\0WAVEjunk".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliTest r = CliTest.run("", "analyze", wav.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("pressure-monitor: ").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }
}
