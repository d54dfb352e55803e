package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Open-call limits, token scope and a failing store, as an agent sees them in its replies (complements IngestServiceTest). */
class IngestRulesTest {
    private static final Principal ANA = new Principal(Principal.Kind.AGENT, "ana", "emea");
    private static final Principal BEN = new Principal(Principal.Kind.AGENT, "ben", "emea");

    private final CallStore store = CallStore.temporary();
    // two open calls a rep, three on the whole server
    private final IngestService ingest = new IngestService(new OverlayHub(), store, new TeamMetrics(false),
            new ServerConfig.Limits(4, 200, 2, 3));

    @AfterEach
    void close() {
        store.close();
    }

    private AgentReply send(String callId, long seq, Event e) {
        return ingest.ingest(EventCodec.encode(new Envelope(callId, seq, 1, e))).join();
    }

    private AgentReply start(String callId, String rep) {
        return send(callId, 1, new CallStarted(rep, "emea", 1, true));
    }

    @Test
    void aRepMayHaveTwoOpenCallsAndIsToldHowToStartAThird() {
        assertThat(start("a1", "ana").isAck()).isTrue();
        assertThat(start("a2", "ana").isAck()).isTrue();
        assertThat(start("a3", "ana")).isEqualTo(AgentReply.error("a3", 1,
                "rep 'ana' already has 2 open calls: end one (send call_ended) before starting another"));
        assertThat(send("a1", 2, new CallEnded(5, "hangup")).isAck()).isTrue();
        assertThat(start("a3", "ana").isAck()).as("after ending one").isTrue();
    }

    @Test
    void oneRepsOpenCallsDoNotCountAgainstAnother() {
        start("a1", "ana");
        start("a2", "ana");
        assertThat(start("b1", "ben").isAck()).isTrue();
    }

    @Test
    void theServerFollowsAtMostItsLimitOfOpenCallsInAll() {
        start("a1", "ana");
        start("b1", "ben");
        start("c1", "cho");
        assertThat(start("d1", "dee")).isEqualTo(AgentReply.error("d1", 1, "the server already follows 3 open calls: try again later"));
        assertThat(ingest.rejected()).isEqualTo(1);
    }

    @Test
    void aTokenCannotStartACallForAnotherRep() {
        AgentReply r = ingest.ingest(EventCodec.encode(new Envelope("x1", 1, 1, new CallStarted("ben", "emea", 1, true))), ANA).join();
        assertThat(r).isEqualTo(AgentReply.error("x1", 1,
                "this token speaks for rep 'ana' of team 'emea': it cannot start a call for rep 'ben' of team 'emea'"));
    }

    @Test
    void aTokenCannotStartACallForAnotherTeam() {
        AgentReply r = ingest.ingest(EventCodec.encode(new Envelope("x1", 1, 1, new CallStarted("ana", "amer", 1, true))), ANA).join();
        assertThat(r.isAck()).isFalse();
        assertThat(r.message()).contains("of team 'emea'").contains("of team 'amer'");
    }

    @Test
    void aTokenCannotSendEventsIntoAnotherRepsCall() {
        assertThat(ingest.ingest(EventCodec.encode(new Envelope("a1", 1, 1, new CallStarted("ana", "emea", 1, true))), ANA).join().isAck()).isTrue();
        AgentReply r = ingest.ingest(EventCodec.encode(new Envelope("a1", 2, 1, new CallEnded(3, "hangup"))), BEN).join();
        assertThat(r).isEqualTo(AgentReply.error("a1", 2, "call 'a1' belongs to another rep: this token cannot send its events"));
    }

    @Test
    void whenTheStoreCannotWriteTheAgentIsAskedToResendAndNothingCounts() {
        store.close();
        AgentReply r = start("a1", "ana");
        assertThat(r).isEqualTo(AgentReply.retry("a1", 1, "could not store the event (the call store is closed): resend it"));
        assertThat(ingest.accepted()).isZero();
        assertThat(ingest.rejected()).isZero();
    }

    @Test
    void acceptedDuplicateAndRefusedEventsAreCountedApart() {
        start("a1", "ana");
        start("a1", "ana");
        send("zz", 1, new CallEnded(1, "hangup"));
        assertThat(ingest.accepted()).isEqualTo(1);
        assertThat(ingest.duplicates()).isEqualTo(1);
        assertThat(ingest.rejected()).isEqualTo(1);
    }
}
