package dev.pressuremonitor.agent.transcript;

import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RecordedCallTest {

    static RecordedCall read(String text) throws IOException {
        return RecordedCall.read("call.jsonl", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static final String CALL = """
            {"speaker":"rep","partial":"hi","partial_result":[{"conf":1,"end":0.5,"start":0.2,"word":"hi"}]}
            {"speaker":"rep","result":[{"conf":1,"end":0.5,"start":0.2,"word":"hi"},{"conf":1,"end":0.9,"start":0.6,"word":"there"}],"text":"hi there"}
            {"speaker":"prospect","result":[{"conf":1,"end":2.0,"start":1.5,"word":"hello"}],"text":"hello"}
            """;

    @Test
    void readsSpeakerTaggedVoskResultsInTimeOrder() throws IOException {
        RecordedCall c = read(CALL);
        assertThat(c.items()).extracting(RecordedCall.Item::due).containsExactly(0.5, 0.9, 2.0);
        assertThat(c.items()).extracting(i -> i.segment().speaker()).containsExactly(Speaker.REP, Speaker.REP, Speaker.PROSPECT);
        assertThat(c.items()).extracting(i -> i.segment().isFinal()).containsExactly(false, true, true);
        assertThat(c.hasProspect()).isTrue();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndTheRestStillPlays() throws IOException {
        RecordedCall c = read("""
                {"speaker":"rep","result":[{"conf":1,"end":0.5,"start":0.2,"word":"hi"}],"text":"hi"}
                not json
                {"speaker":"boss","text":""}
                {"result":[],"text":""}
                {"speaker":"prospect","result":[{"conf":1,"end":2.0,"start":1.5,"word":"hello"}],"text":"hello"}
                """);
        assertThat(c.items()).hasSize(2);
        assertThat(c.problems()).hasSize(3);
        assertThat(c.problems().get(0)).startsWith("call.jsonl:2: skipped: malformed JSON");
        assertThat(c.problems().get(1)).isEqualTo("call.jsonl:3: skipped: field 'speaker' must be \"rep\" or \"prospect\", was \"boss\"");
        assertThat(c.problems().get(2)).isEqualTo("call.jsonl:4: skipped: missing field 'speaker' (\"rep\" or \"prospect\")");
    }

    @Test
    void replaysAtTheRequestedPace() throws IOException {
        RecordedCall c = read(CALL);
        AtomicLong now = new AtomicLong();
        List<Long> deliveredAt = new ArrayList<>();
        // a fake clock that moves only when the replayer sleeps
        Replayer r = new Replayer(2.0, now::get, now::addAndGet);
        r.play(c, seg -> deliveredAt.add(now.get()));
        // due 0.5, 0.9, 2.0 call seconds at speed 2 = 0.25, 0.45, 1.0 s after the start
        assertThat(deliveredAt).containsExactly(250_000_000L, 450_000_000L, 1_000_000_000L);
    }

    @Test
    void speedZeroPlaysWithoutWaiting() throws IOException {
        List<Boolean> finals = new ArrayList<>();
        new Replayer(0, () -> { throw new AssertionError("no clock needed"); }, n -> { throw new AssertionError("no waiting"); }).play(read(CALL), s -> finals.add(s.isFinal()));
        assertThat(finals).containsExactly(false, true, true);
    }

    @Test
    void prettyPrintedResultsAreReadWhateverTheLineBreaks() throws IOException {
        RecordedCall c = read("""
                {
                  "speaker" : "rep",
                  "result" : [{
                      "conf" : 1.000000,
                      "end" : 0.900000,
                      "start" : 0.600000,
                      "word" : "hello"
                    }],
                  "text" : "hello"
                }
                {"speaker":"prospect","result":[{"conf":1,"end":2.0,"start":1.5,"word":"hi"}],"text":"hi"}
                """);
        assertThat(c.problems()).isEmpty();
        assertThat(c.items()).extracting(i -> i.segment().text()).containsExactly("hello", "hi");
    }

    @Test
    void aBrokenPrettyPrintedResultIsNamedByTheLineOfTheFaultAndTheNextResultStillPlays() throws IOException {
        RecordedCall c = read("""
                {"speaker":"rep","result":[{"conf":1,"end":0.5,"start":0.2,"word":"hi"}],"text":"hi"}
                {
                  "speaker" : "rep",
                  "result" : [{"conf" : 1, "end" : 1.5 "start" : 1.0, "word" : "so"}],
                  "text" : "so"
                }
                {
                  "speaker" : "prospect",
                  "text" : ""
                }
                {"speaker":"prospect","result":[{"conf":1,"end":2.0,"start":1.5,"word":"yes"}],"text":"yes"}
                """);
        assertThat(c.problems()).containsExactly(
                "call.jsonl:4: skipped: malformed JSON at line 3, column 40: expected ',' or '}' after a value, found '\"'");
        assertThat(c.items()).extracting(i -> i.segment().text()).containsExactly("hi", "", "yes");
    }

    @Test
    void resultsWrittenWithDecimalCommasAreReadAsNumbers() throws IOException {
        // libvosk under a German locale: {"conf" : 0,660000, ...}
        RecordedCall c = read("{\"speaker\" : \"rep\", \"result\" : [{\"conf\" : 0,660000, \"end\" : 1,110000, \"start\" : 0,870000,"
                + " \"word\" : \"what\"}], \"text\" : \"what\"}\n");
        assertThat(c.problems()).isEmpty();
        assertThat(c.items().get(0).segment().words().get(0)).isEqualTo(new dev.pressuremonitor.models.Word("what", 0.87, 1.11, 0.66));
    }

    @Test
    void aFieldOfTheWrongTypeIsReportedAsTheWrongTypeNotAsMissing() throws IOException {
        RecordedCall c = read("""
                {"speaker":"rep","result":[{"conf":1,"end":0.5,"start":"x","word":"hi"}],"text":"hi"}
                {"speaker":7,"text":""}
                {"speaker":"rep","result":[{"conf":1,"end":0.5,"word":"hi"}],"text":"hi"}
                """);
        assertThat(c.problems()).containsExactly(
                "call.jsonl:1: skipped: field 'result[0].start' must be a number of seconds, was \"x\"",
                "call.jsonl:2: skipped: field 'speaker' must be \"rep\" or \"prospect\", was 7",
                "call.jsonl:3: skipped: missing field 'result[0].start'");
    }

    @Test
    void parseErrorsSayWhatIsWrongInOurWordsWithoutTheParsersInternals() throws IOException {
        RecordedCall c = read("""
                {"speaker":"rep","result":[{"conf":1,"end":0.5,"start":0.2,"word":"hi"}
                {'speaker':'rep'}
                """);
        assertThat(c.problems()).containsExactly(
                "call.jsonl:1: skipped: malformed JSON at column 72: the text ends before the array is closed: a ']' is missing",
                "call.jsonl:2: skipped: malformed JSON at column 2: field names need double quotes, not single quotes");
        assertThat(String.join("\n", c.problems())).doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
    }

    @Test
    void finalsWithTextButNoWordTimingsGetEstimatedTimingsAndSaySoOnce() throws IOException {
        RecordedCall c = read("""
                {"speaker":"rep","text":"hi thanks for making the time"}
                {"speaker":"prospect","text":"sure"}
                {"speaker":"rep","result":[],"text":"what made you look at this now"}
                """);
        assertThat(c.items()).extracting(i -> i.segment().text())
                .containsExactly("hi thanks for making the time", "sure", "what made you look at this now");
        assertThat(c.items()).allMatch(i -> i.segment().isFinal());
        var words = c.items().stream().flatMap(i -> i.segment().words().stream()).toList();
        for (int k = 1; k < words.size(); k++) assertThat(words.get(k).start()).isGreaterThan(words.get(k - 1).end());
        assertThat(c.notes()).hasSize(1);
        assertThat(c.notes().get(0)).startsWith("call.jsonl:1: results carry text but no word timings: times are estimated");
        assertThat(c.problems()).isEmpty();
    }
}
