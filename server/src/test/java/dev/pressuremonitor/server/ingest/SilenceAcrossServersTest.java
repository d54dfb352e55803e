package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.EventType;
import dev.pressuremonitor.models.TrustSignal;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one database (behind a load balancer): ana's call starts on the first, then her agent is sent to
 * the second. The first closes the call for silence only when the database agrees that nobody has sent anything
 * for the whole period, on a clock the test moves.
 */
class SilenceAcrossServersTest {
    private static final Duration SILENCE = Duration.ofMinutes(10);
    private static final long STARTED = 1_700_000_000_000L;
    /** One open call a rep, so that a call still counted against ana shows. */
    private static final ServerConfig.Limits ONE_CALL_A_REP = new ServerConfig.Limits(4, 200, 1, 100);

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(STARTED);
    private CallStore storeA, storeB;
    private IngestService first, second;

    private void twoServers() {
        String url = "jdbc:sqlite:" + dir.resolve("shared.db");
        storeA = CallStore.open(url);
        storeB = CallStore.open(url);
        first = new IngestService(new OverlayHub(), storeA, new TeamMetrics(false), ONE_CALL_A_REP, now::get);
        second = new IngestService(new OverlayHub(), storeB, new TeamMetrics(false), ONE_CALL_A_REP, now::get);
    }

    @AfterEach
    void close() {
        storeA.close();
        storeB.close();
    }

    private static AgentReply send(IngestService server, String callId, long seq, long ts, Event e) {
        return server.ingest(EventCodec.encode(new Envelope(callId, seq, ts, e))).join();
    }

    /** Ana's call starts on the first server; at {@code movedAt} her agent sends its next event to the second. */
    private void callMovesToTheSecondServerAt(long movedAt) {
        twoServers();
        send(first, "c1", 1, STARTED, new CallStarted("ana", "emea", STARTED, true));
        now.set(movedAt);
        assertThat(send(second, "c1", 2, movedAt, new TrustSignal("trust.open-question", "what made you", 500.0, 500.6)))
                .isEqualTo(AgentReply.ack("c1", 2));
    }

    private int firstClosesSilentCalls(long at) {
        return first.closeSilentCalls(SILENCE, at).join();
    }

    @Test
    void aCallTheSecondServerStillReceivesIsLeftOpenByTheFirst() throws Exception {
        long moved = STARTED + SILENCE.toMillis() - 60_000;
        callMovesToTheSecondServerAt(moved);

        assertThat(firstClosesSilentCalls(STARTED + SILENCE.toMillis())).isZero();
        assertThat(firstClosesSilentCalls(moved + SILENCE.toMillis() - 1)).as("counting from the second server's last event").isZero();
        assertThat(storeA.openCall("c1")).isPresent();
    }

    @Test
    void aCallTheSecondServerReceivedAndThenLostIsClosedByTheFirstAfterItsLastEventThere() throws Exception {
        long moved = STARTED + 300_000;
        callMovesToTheSecondServerAt(moved);
        // the second server goes away for good; nobody else will close the call

        assertThat(firstClosesSilentCalls(moved + SILENCE.toMillis())).isEqualTo(1);
        assertThat(storeA.events("c1", EventType.CALL_ENDED)).singleElement().satisfies(end -> {
            assertThat(end.seq()).as("after the second server's event, not on its seq").isEqualTo(3);
            assertThat(end.data()).isEqualTo(new CallEnded(300.0, "abandoned"));
        });
    }

    @Test
    void aCallTheSecondServerEndedIsNotClosedAgainByTheFirstAndNoLongerCountsAgainstTheRepThere() throws Exception {
        twoServers();
        send(first, "c1", 1, STARTED, new CallStarted("ana", "emea", STARTED, true));
        assertThat(send(second, "c1", 2, STARTED + 60_000, new CallEnded(60.0, "hangup"))).isEqualTo(AgentReply.ack("c1", 2));

        assertThat(firstClosesSilentCalls(STARTED + SILENCE.toMillis())).isZero();
        assertThat(storeA.events("c1", EventType.CALL_ENDED)).extracting(Envelope::data).containsExactly(new CallEnded(60.0, "hangup"));
        assertThat(send(first, "c2", 1, STARTED + SILENCE.toMillis(), new CallStarted("ana", "emea", STARTED + SILENCE.toMillis(), true)))
                .as("ana's next call on the first server").isEqualTo(AgentReply.ack("c2", 1));
    }

    @Test
    void whileTheDatabaseCannotBeReadNoCallIsClosedAndNoOverlayIsToldItEnded() {
        twoServers();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        OverlayHub hub = new OverlayHub();
        IngestService server = new IngestService(hub, storeA, new TeamMetrics(false), ONE_CALL_A_REP, now::get);
        hub.subscribe("ana", (json, coalescable) -> seen.add(new String(json, java.nio.charset.StandardCharsets.UTF_8)));
        send(server, "c1", 1, STARTED, new CallStarted("ana", "emea", STARTED, true));
        storeA.close();

        assertThat(server.closeSilentCalls(SILENCE, STARTED + SILENCE.toMillis()).join()).isZero();
        assertThat(seen).as("the call's start only").hasSize(1);
    }
}
