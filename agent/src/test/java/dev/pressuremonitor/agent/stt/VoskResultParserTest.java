package dev.pressuremonitor.agent.stt;

import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoskResultParserTest {

    @Test
    void readsAFinalResultWithWordTimings() throws DecodeException {
        TranscriptSegment s = VoskResultParser.parse(
                "{\"result\":[{\"conf\":1.0,\"end\":1.11,\"start\":0.87,\"word\":\"what\"},{\"conf\":0.72,\"end\":1.4,\"start\":1.11,\"word\":\"now\"}],\"text\":\"what now\"}",
                Speaker.REP, true, 0);
        assertThat(s).isEqualTo(new TranscriptSegment(Speaker.REP, true, List.of(new Word("what", 0.87, 1.11, 1.0), new Word("now", 1.11, 1.4, 0.72))));
    }

    @Test
    void readsAPartialWithPartialWords() throws DecodeException {
        TranscriptSegment s = VoskResultParser.parse("{\"partial\":\"just check\",\"partial_result\":[{\"conf\":1,\"end\":0.5,\"start\":0.2,\"word\":\"just\"},"
                + "{\"conf\":1,\"end\":0.9,\"start\":0.5,\"word\":\"check\"}]}", Speaker.PROSPECT, false, 0);
        assertThat(s.isFinal()).isFalse();
        assertThat(s.text()).isEqualTo("just check");
        assertThat(s.speaker()).isEqualTo(Speaker.PROSPECT);
    }

    @Test
    void theEmptyResultAfterAnEndpointIsNotAnError() throws DecodeException {
        assertThat(VoskResultParser.parse("{\"text\": \"\"}", Speaker.REP, false, 0).words()).isEmpty();
        assertThat(VoskResultParser.parse("{\"partial\": \"\"}", Speaker.REP, false, 0).words()).isEmpty();
    }

    @Test
    void takesTheFirstAlternativeWhichHasNoConfidencePerWord() throws DecodeException {
        TranscriptSegment s = VoskResultParser.parse("{\"alternatives\":[{\"confidence\":210.3,\"result\":[{\"end\":0.6,\"start\":0.3,\"word\":\"sign\"}],\"text\":\"sign\"},"
                + "{\"confidence\":200.1,\"result\":[{\"end\":0.6,\"start\":0.3,\"word\":\"sigh\"}],\"text\":\"sigh\"}]}", Speaker.REP, true, 0);
        assertThat(s.words()).containsExactly(new Word("sign", 0.3, 0.6, 1.0));
    }

    @Test
    void shiftsTimesOntoTheCallClock() throws DecodeException {
        TranscriptSegment s = VoskResultParser.parse("{\"result\":[{\"conf\":1,\"end\":1.0,\"start\":0.5,\"word\":\"hi\"}],\"text\":\"hi\"}", Speaker.REP, true, 60);
        assertThat(s.words()).containsExactly(new Word("hi", 60.5, 61.0, 1.0));
    }

    @Test
    void aWordWithoutTimingSaysWhichField() {
        assertThatThrownBy(() -> VoskResultParser.parse("{\"result\":[{\"conf\":1,\"start\":0.5,\"word\":\"hi\"}],\"text\":\"hi\"}", Speaker.REP, true, 0))
                .hasMessage("missing field 'result[0].end'");
    }

    @Test
    void somethingThatIsNotAVoskResultSaysWhatWasExpected() {
        assertThatThrownBy(() -> VoskResultParser.parse("{\"hello\":1}", Speaker.REP, true, 0))
                .hasMessageContaining("expected 'result', 'partial', 'alternatives' or 'text'");
    }
}
