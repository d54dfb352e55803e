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
}
