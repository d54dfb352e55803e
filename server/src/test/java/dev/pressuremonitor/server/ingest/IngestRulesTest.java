package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TrustSignal;
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
    private final TeamMetrics metrics = new TeamMetrics(false);
    private final IngestService ingest = new IngestService(new OverlayHub(), store, metrics,
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
    void aRepWhoEndsOneOfTwoCallsMayStartOneMoreButNotTwo() {
        start("a1", "ana");
        start("a2", "ana");
        send("a1", 2, new CallEnded(5, "hangup"));
        assertThat(start("a3", "ana").isAck()).isTrue();
        assertThat(start("a4", "ana").isAck()).as("a2 and a3 are open").isFalse();
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

    @Test
    void aCallRefusedForTheOpenCallLimitShowsOnTheOperatorsMetrics() {
        start("a1", "ana");
        start("a2", "ana");
        start("a3", "ana");
        assertThat(metrics.scrape()).contains("pm_refused_total{limit=\"open-calls\"} 1.0");
    }

    @Test
    void everyStoredEventIsTimedOnTheOperatorsMetricsResendsTooButNotRefusals() {
        start("a1", "ana");
        start("a1", "ana");
        send("zz", 1, new CallEnded(1, "hangup"));
        assertThat(metrics.scrape()).containsPattern("(?m)^pm_ingest_seconds_count 2$");
    }

    @Test
    void anAlertCountsOnceForItsCategoryAndTeamEvenWhenResent() {
        start("a1", "ana");
        Alert chase = new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 3, 4, true,
                new Reframe("find-fit", "They owe you nothing yet.", "What would make this worth your time?"));
        assertThat(send("a1", 2, chase).isAck()).isTrue();
        assertThat(send("a1", 2, chase).isAck()).as("resent").isTrue();
        assertThat(metrics.scrape()).contains("pm_alerts_total{category=\"CHASE\",team=\"emea\"} 1.0");
    }

    @Test
    void anAlertThatFillsAGapAfterTheCallEndedIsAcknowledgedAndCounted() {
        start("a1", "ana");
        assertThat(send("a1", 3, new CallEnded(5, "hangup")).isAck()).isTrue();
        Alert late = new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 3, 4, true,
                new Reframe("find-fit", "They owe you nothing yet.", "What would make this worth your time?"));
        assertThat(send("a1", 2, late)).isEqualTo(AgentReply.ack("a1", 2));
        assertThat(metrics.scrape()).contains("pm_alerts_total{category=\"CHASE\",team=\"emea\"} 1.0");
    }

    @Test
    void anEndedCallNoLongerCountsTowardsTheServersLimitEvenAfterALateEventForIt() {
        start("a1", "ana");
        assertThat(send("a1", 2, new CallEnded(5, "hangup")).isAck()).isTrue();
        assertThat(send("a1", 3, new CallEnded(6, "hangup")).isAck()).as("a late goodbye for the ended call").isTrue();
        start("b1", "ben");
        start("c1", "cho");
        assertThat(start("d1", "dee").isAck()).as("two calls open of three").isTrue();
    }

    @Test
    void aCallEndedThatReusesTheSeqOfAnotherEventIsRefusedAndTheCallGoesOn() {
        start("a1", "ana");
        assertThat(send("a1", 2, new TrustSignal("trust.open-question", "what made you", 2, 2.6)).isAck()).isTrue();
        assertThat(send("a1", 2, new CallEnded(5, "hangup"))).isEqualTo(AgentReply.error("a1", 2,
                "seq 2 of call 'a1' was already used for a different event: nothing was changed; number each event once"));
        assertThat(send("a1", 3, new TrustSignal("trust.open-question", "how do you", 4, 4.6))).as("the call is still open")
                .isEqualTo(AgentReply.ack("a1", 3));
    }

    @Test
    void aCallEndedThatReusesTheSeqOfAnotherEventAfterTheCallEndedIsRefused() {
        start("a1", "ana");
        send("a1", 2, new TrustSignal("trust.open-question", "what made you", 2, 2.6));
        assertThat(send("a1", 3, new CallEnded(5, "hangup")).isAck()).isTrue();
        assertThat(send("a1", 2, new CallEnded(5, "hangup"))).isEqualTo(AgentReply.error("a1", 2,
                "seq 2 of call 'a1' was already used for a different event: nothing was changed; number each event once"));
    }

    @Test
    void anEventOfACallTheServerCannotLookUpIsToBeResentNotRefused() {
        store.close();
        AgentReply r = send("elsewhere", 4, new CallEnded(5, "hangup"));
        assertThat(r).isEqualTo(AgentReply.retry("elsewhere", 4, "the server cannot read its database right now"));
    }
}
