package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestServiceTest {
    private final OverlayHub hub = new OverlayHub();
    private final CallStore store = CallStore.temporary();
    private final IngestService ingest = new IngestService(hub, store, new TeamMetrics(false));
    private final List<String> seen = new ArrayList<>();

    {
        hub.subscribe("ana", (json, c) -> seen.add(new String(json, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private AgentReply send(String json) {
        return ingest.ingest(json).join();
    }

    private static String event(String callId, long seq, Event e) {
        return EventCodec.encode(new Envelope(callId, seq, 1, e));
    }

    @Test
    void acknowledgesAndFansOutAValidEvent() {
        String json = event("c1", 1, new CallStarted("ana", "emea", 1, true));
        assertThat(send(json)).isEqualTo(AgentReply.ack("c1", 1));
        assertThat(seen).containsExactly(json);
    }

    /**
     * A frame's bytes go to the overlays as the agent sent them, spacing and letters beyond ASCII included, and an
     * event read from bytes is refused as its text would be, naming the fault and the event.
     */
    @Test
    void anEventReadFromTheWiresBytesReachesOverlaysAsTheAgentSentIt() {
        String json = "{ \"type\": \"call_started\", \"callId\": \"appel-ete\", \"seq\": 1, \"ts\": 1,"
                + " \"data\": {\"rep\": \"ana\", \"team\": \"\u00e9quipe \u2615\", \"startedAt\": 1, \"prospectChannel\": true} }";
        assertThat(ingest.ingest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), dev.pressuremonitor.server.access.Principal.LOCAL).join())
                .isEqualTo(AgentReply.ack("appel-ete", 1));
        assertThat(seen).containsExactly(json);

        String bad = event("appel-ete", 2, new CallEnded(10, "hangup")).replace("\"duration\"", "\"lasted\"");
        AgentReply refused = ingest.ingest(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8), dev.pressuremonitor.server.access.Principal.LOCAL).join();
        assertThat(refused).isEqualTo(ingest.ingest(bad).join());
        assertThat(refused.toJson()).contains("appel-ete").contains("missing field 'duration'");
        assertThat(seen).hasSize(1);
    }

    @Test
    void aResentEventIsAcknowledgedAgainButChangesNothing() {
        String start = event("c1", 1, new CallStarted("ana", "", 1, true));
        String end = event("c1", 2, new CallEnded(10, "hangup"));
        send(start);
        send(end);
        assertThat(send(start)).isEqualTo(AgentReply.ack("c1", 1));
        assertThat(send(end)).isEqualTo(AgentReply.ack("c1", 2));
        assertThat(seen).containsExactly(start, end);
        assertThat(ingest.duplicates()).isEqualTo(2);
    }

    @Test
    void lateEventsForAnEndedCallLeaveNothingInMemory() {
        String start = event("c1", 1, new CallStarted("ana", "", 1, true));
        String end = event("c1", 2, new CallEnded(10, "hangup"));
        send(start);
        assertThat(ingest.followed()).as("an open call is followed").isEqualTo(1);
        send(end);

        send(start);
        send(end);
        send(event("c1", 3, new CallEnded(11, "hangup")));
        send(event("c1", 4, new CallStarted("ana", "", 1, true)));

        assertThat(ingest.followed()).isZero();
    }

    @Test
    void malformedInputGetsAnErrorNamingTheProblem() {
        AgentReply r = send("{\"type\":\"gossip\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{}}");
        assertThat(r.isAck()).isFalse();
        assertThat(r.message()).startsWith("bad event: unknown event type 'gossip'");
        assertThat(seen).isEmpty();
    }

    /**
     * An event the server cannot read (of a type it does not know, from a newer agent, say) is refused naming its call
     * and seq where those can be read: the agent drops what is refused by call and seq, and kept resending one
     * refused with neither, at every reconnect and restart, for ever.
     */
    @Test
    void anEventRefusedAsUnreadableIsNamedByItsCallAndSeqSoItsAgentStopsSendingIt() {
        AgentReply r = send("{\"type\":\"gossip\",\"callId\":\"c7\",\"seq\":4,\"ts\":1,\"data\":{}}");
        assertThat(r.isAck()).isFalse();
        assertThat(r.callId()).isEqualTo("c7");
        assertThat(r.seq()).isEqualTo(4);
        assertThat(send("{\"type\": \"alert\", ").callId()).as("nothing to read a call from").isNull();
    }

    @Test
    void eventsForACallThatNeverStartedAreRefused() {
        AgentReply r = send(event("nope", 5, new CallEnded(1, "hangup")));
        assertThat(r).isEqualTo(AgentReply.error("nope", 5, "unknown call 'nope': send call_started first"));
    }

    @Test
    void aCallCannotBeTakenOverByAnotherRep() {
        send(event("c1", 1, new CallStarted("ana", "", 1, true)));
        AgentReply r = send(event("c1", 2, new CallStarted("mallory", "", 1, true)));
        assertThat(r.isAck()).isFalse();
        assertThat(r.message()).contains("already belongs to another rep");
    }

    @Test
    void nothingIsAcceptedAfterTheCallEnded() {
        send(event("c1", 1, new CallStarted("ana", "", 1, true)));
        send(event("c1", 2, new CallEnded(3, "hangup")));
        AgentReply r = send(event("c1", 3, LATE_METRICS));
        assertThat(r.message()).contains("has ended");
    }

    @Test
    void anEndedCallIsForgottenInMemoryButStillKnownToTheStore() {
        String start = event("c9", 1, new CallStarted("ana", "", 1, true));
        String end = event("c9", 2, new CallEnded(3, "hangup"));
        send(start);
        send(end);
        assertThat(send(end)).as("a late resend").isEqualTo(AgentReply.ack("c9", 2));
        assertThat(send(event("c9", 3, LATE_METRICS)).message()).contains("has ended");
        assertThat(seen).containsExactly(start, end);
    }

    static final dev.pressuremonitor.models.MetricsSnapshot LATE_METRICS =
            new dev.pressuremonitor.models.MetricsSnapshot(4, null, 0, 0, 0, 0, 0, 0, 0, null, 0, List.of());

    static final java.time.Duration SILENCE = java.time.Duration.ofHours(2);

    @Test
    void aCallWhoseAgentFellSilentIsClosedByTheServerAsAbandoned() throws Exception {
        send(event("s1", 1, new CallStarted("ana", "", 1_000, true)));
        long now = System.currentTimeMillis();
        assertThat(ingest.closeSilentCalls(SILENCE, now).join()).as("nothing is silent yet").isZero();
        assertThat(ingest.closeSilentCalls(SILENCE, now + SILENCE.toMillis() + 1_000).join()).isEqualTo(1);
        List<Envelope> events = store.events("s1");
        assertThat(events).extracting(Envelope::seq).containsExactly(1L, 2L);
        assertThat(((CallEnded) events.get(1).data()).reason()).isEqualTo("abandoned");
        assertThat(send(event("s1", 2, new CallEnded(5, "agent-restarted")))).as("the agent back later, ending it too")
                .isEqualTo(AgentReply.ack("s1", 2));
    }

    @Test
    void callsClosedForSilenceNoLongerKeepTheRepFromANewCall() {
        for (int i = 1; i <= 3; i++) send(event("open" + i, 1, new CallStarted("ana", "", 1, true)));
        assertThat(send(event("fourth", 1, new CallStarted("ana", "", 1, true))).message()).contains("already has 3 open calls");
        assertThat(ingest.closeSilentCalls(SILENCE, System.currentTimeMillis() + SILENCE.toMillis() + 1_000).join()).isEqualTo(3);
        assertThat(send(event("fourth", 1, new CallStarted("ana", "", 1, true)))).isEqualTo(AgentReply.ack("fourth", 1));
    }
}
