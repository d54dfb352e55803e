package dev.pressuremonitor.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a call id, seq and timestamp may be: ids end up in URLs and file names, seq numbers the call's events from 1. */
class EnvelopeTest {
    private static final Event ENDED = new CallEnded(1, "hangup");

    @Test
    void aCallIdMayUseLettersDigitsAndTheFourSafePunctuationMarks() {
        assertThat(new Envelope("azAZ09-_.:", 1, 0, ENDED).callId()).isEqualTo("azAZ09-_.:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a b", "a`b", "a{b", "a@b", "a[b", "a;b", "é", ".", ".."})
    void aCallIdWithAnyOtherCharacterOrOnlyDotsIsRefusedSayingWhatIsAllowed(String id) {
        assertThatThrownBy(() -> new Envelope(id, 1, 0, ENDED))
                .hasMessage("field 'callId' may hold only letters, digits, '-', '_', '.' and ':'");
    }

    @Test
    void aCallIdOf128CharactersIsTheLongestAccepted() {
        assertThat(new Envelope("c".repeat(128), 1, 0, ENDED).callId()).hasSize(128);
        assertThatThrownBy(() -> new Envelope("c".repeat(129), 1, 0, ENDED)).hasMessage("field 'callId' is longer than 128 characters");
    }

    @Test
    void theFirstEventOfACallIsSeqOne() {
        assertThat(new Envelope("c", 1, 0, ENDED).seq()).isEqualTo(1);
        assertThatThrownBy(() -> new Envelope("c", 0, 0, ENDED)).hasMessage("field 'seq' must be >= 1, was 0");
    }

    @Test
    void aTimestampBeforeTheEpochIsRefused() {
        assertThat(new Envelope("c", 1, 0, ENDED).ts()).isZero();
        assertThatThrownBy(() -> new Envelope("c", 1, -1, ENDED)).hasMessage("field 'ts' must be >= 0, was -1");
    }

    @Test
    void theEnvelopeKnowsItsWireTypeFromItsPayload() {
        assertThat(new Envelope("c", 1, 0, ENDED).type()).isEqualTo(EventType.CALL_ENDED);
        assertThat(new Envelope("c", 1, 0, new CallStarted("ana", "", 0, false)).type()).isEqualTo(EventType.CALL_STARTED);
    }
}
