package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.overlay.OverlayHub;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestServiceTest {
    private final OverlayHub hub = new OverlayHub();
    private final IngestService ingest = new IngestService(hub);
    private final List<String> seen = new ArrayList<>();

    {
        hub.subscribe("ana", (json, c) -> seen.add(json));
    }

    private static String event(String callId, long seq, Event e) {
        return EventCodec.encode(new Envelope(callId, seq, 1, e));
    }

    @Test
    void acknowledgesAndFansOutAValidEvent() {
        String json = event("c1", 1, new CallStarted("ana", "emea", 1, true));
        assertThat(ingest.ingest(json)).isEqualTo(AgentReply.ack("c1", 1));
        assertThat(seen).containsExactly(json);
    }

    @Test
    void aResentEventIsAcknowledgedAgainButChangesNothing() {
        String start = event("c1", 1, new CallStarted("ana", "", 1, true));
        String end = event("c1", 2, new CallEnded(10, "hangup"));
        ingest.ingest(start);
        ingest.ingest(end);
        assertThat(ingest.ingest(start)).isEqualTo(AgentReply.ack("c1", 1));
        assertThat(ingest.ingest(end)).isEqualTo(AgentReply.ack("c1", 2));
        assertThat(seen).containsExactly(start, end);
        assertThat(ingest.duplicates()).isEqualTo(2);
    }

    @Test
    void malformedInputGetsAnErrorNamingTheProblem() {
        AgentReply r = ingest.ingest("{\"type\":\"gossip\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{}}");
        assertThat(r.isAck()).isFalse();
        assertThat(r.message()).startsWith("bad event: unknown event type 'gossip'");
        assertThat(seen).isEmpty();
    }

    @Test
    void eventsForACallThatNeverStartedAreRefused() {
        AgentReply r = ingest.ingest(event("nope", 5, new CallEnded(1, "hangup")));
        assertThat(r).isEqualTo(AgentReply.error("nope", 5, "unknown call 'nope': send call_started first"));
    }

    @Test
    void aCallCannotBeTakenOverByAnotherRep() {
        ingest.ingest(event("c1", 1, new CallStarted("ana", "", 1, true)));
        AgentReply r = ingest.ingest(event("c1", 2, new CallStarted("mallory", "", 1, true)));
        assertThat(r.isAck()).isFalse();
        assertThat(r.message()).contains("already belongs to another rep");
    }

    @Test
    void nothingIsAcceptedAfterTheCallEnded() {
        ingest.ingest(event("c1", 1, new CallStarted("ana", "", 1, true)));
        ingest.ingest(event("c1", 2, new CallEnded(3, "hangup")));
        AgentReply r = ingest.ingest(event("c1", 3, new CallEnded(4, "hangup")));
        assertThat(r.message()).contains("has ended");
    }
}
