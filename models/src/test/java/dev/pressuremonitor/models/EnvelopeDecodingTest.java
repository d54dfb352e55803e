package dev.pressuremonitor.models;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding refuses what is not an event with one line that says what to fix (complements EventCodecTest). */
class EnvelopeDecodingTest {
    private static final String ENDED_DATA = "{\"duration\":1,\"reason\":\"x\"}";

    @Test
    void anUnknownTopLevelFieldIsRefusedByName() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":" + ENDED_DATA
                + ",\"priority\":\"high\"}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("unknown field 'priority'");
    }

    @Test
    void somethingOtherThanAnObjectIsRefusedSayingWhatItWas() {
        assertThatThrownBy(() -> EventCodec.decode("[1,2]")).hasMessage("expected a JSON object, got array");
    }

    @Test
    void emptyInputIsRefusedSayingAnObjectWasExpected() {
        assertThatThrownBy(() -> EventCodec.decode("  ")).hasMessage("empty input: expected a JSON object");
    }

    @Test
    void dataThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":[]}"))
                .hasMessage("field 'data' must be an object");
    }

    @Test
    void missingOrNullDataIsRefused() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":null}"))
                .hasMessage("missing field 'data'");
    }

    @Test
    void aCallIdThatIsNotAStringIsRefused() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":7,\"seq\":1,\"ts\":1,\"data\":" + ENDED_DATA + "}"))
                .hasMessage("field 'callId' must be a string");
    }

    @Test
    void aFractionalTimestampIsRefused() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1.5,\"data\":" + ENDED_DATA + "}"))
                .hasMessage("field 'ts' must be a whole number");
    }

    @Test
    void anInvalidCallIdIsRefusedWithTheEnvelopesReason() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"../x\",\"seq\":1,\"ts\":1,\"data\":" + ENDED_DATA + "}"))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("field 'callId' may hold only");
    }

    @Test
    void anInvalidValueInsideAListSaysWhichElement() {
        String json = "{\"type\":\"transcript\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"speaker\":\"REP\",\"isFinal\":true,"
                + "\"words\":[{\"text\":\"hi\",\"start\":2,\"end\":1,\"conf\":1}]}}";
        assertThatThrownBy(() -> EventCodec.decode(json))
                .hasMessage("transcript.data: in 'words[0]': field 'end' (1.0) is before 'start' (2.0)");
    }

    @Test
    void anInvalidNestedObjectIsNamed() {
        String json = "{\"type\":\"alert\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"category\":\"CHASE\",\"rule\":\"r\",\"phrase\":\"p\","
                + "\"severity\":\"LOW\",\"speaker\":\"REP\",\"start\":0,\"end\":1,\"nudge\":true,"
                + "\"reframe\":{\"shift\":\" \",\"trust\":\"t\",\"ask\":\"a\"}}}";
        assertThatThrownBy(() -> EventCodec.decode(json)).hasMessage("alert.data: in 'reframe': field 'shift' must not be blank");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldOnOneLine() {
        String json = "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"duration\":\"long\",\"reason\":\"x\"}}";
        assertThatThrownBy(() -> EventCodec.decode(json))
                .hasMessageStartingWith("call_ended.data: field 'duration': ")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
