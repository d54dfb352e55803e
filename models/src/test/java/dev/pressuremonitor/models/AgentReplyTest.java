package dev.pressuremonitor.models;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's answer to each event, as the agent reads it. */
class AgentReplyTest {

    @Test
    void anAckSaysTheEventIsStoredAndNothingElse() throws DecodeException {
        AgentReply ack = AgentReply.parse(AgentReply.ack("c1", 3).toJson());
        assertThat(ack).isEqualTo(new AgentReply("ack", "c1", 3, null));
        assertThat(ack.isAck()).isTrue();
        assertThat(ack.isRetry()).isFalse();
    }

    @Test
    void anAckIsSpeltExactlyAsTheJsonWriterSpellsItWhateverTheCallId() throws DecodeException {
        String[] ids = {"c1", "call-7f3a-0001", "", " spaced id ", "q\"uote", "back\\slash", "tab\tnew\nline", "\u0001ctl",
                "caf\u00e9", "\u65e5\u672c", "smile \ud83d\ude00", "~!@#$%^&*()_+{}|:<>?", null};
        for (String id : ids) {
            for (long seq : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
                AgentReply ack = AgentReply.ack(id, seq);
                assertThat(ack.toJson()).as("ack of %s #%d", id, seq).isEqualTo(Json.write(ack));
                assertThat(AgentReply.parse(ack.toJson())).isEqualTo(ack);
            }
        }
    }

    @Test
    void aRetryAsksForTheSameEventAgain() throws DecodeException {
        AgentReply retry = AgentReply.parse(AgentReply.retry("c1", 4, "database busy").toJson());
        assertThat(retry).isEqualTo(new AgentReply("retry", "c1", 4, "database busy"));
        assertThat(retry.isRetry()).isTrue();
        assertThat(retry.isAck()).isFalse();
    }

    @Test
    void anErrorIsNeitherAnAckNorARetry() throws DecodeException {
        AgentReply error = AgentReply.parse(AgentReply.error("c1", 5, "bad event").toJson());
        assertThat(error).isEqualTo(new AgentReply("error", "c1", 5, "bad event"));
        assertThat(error.isAck()).isFalse();
        assertThat(error.isRetry()).isFalse();
    }

    @Test
    void anUnknownReplyTypeIsRefusedListingTheThreeKinds() {
        assertThatThrownBy(() -> new AgentReply("maybe", "c1", 1, null))
                .hasMessage("field 'type' must be 'ack', 'error' or 'retry', was 'maybe'");
        assertThatThrownBy(() -> AgentReply.parse("{\"type\":\"maybe\",\"callId\":\"c\",\"seq\":1,\"message\":null}"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("must be 'ack', 'error' or 'retry'");
    }

    @Test
    void aReplyMissingItsTypeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AgentReply.parse("{\"callId\":\"c\",\"seq\":1,\"message\":null}")).hasMessage("missing field 'type'");
        assertThatThrownBy(() -> AgentReply.parse("")).hasMessage("empty input: expected a JSON object");
    }
}
