package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.TrustSignal;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The server closes a call whose agent went quiet, on a wall clock the test moves. */
class SilentCallsTest {
    private static final Duration SILENCE = Duration.ofMinutes(10);
    private static final long STARTED = 1_700_000_000_000L;

    private final AtomicLong now = new AtomicLong(STARTED);
    private final CallStore store = CallStore.temporary();
    private final IngestService ingest = new IngestService(new OverlayHub(), store, new TeamMetrics(false),
            ServerConfig.Limits.defaults(), now::get);

    @AfterEach
    void close() {
        store.close();
    }

    private AgentReply send(String callId, long seq, long ts, Event e) {
        return ingest.ingest(EventCodec.encode(new Envelope(callId, seq, ts, e))).join();
    }

    @Test
    void aCallIsClosedOnceItsAgentHasBeenSilentForTheWholePeriodNotAMillisecondBefore() {
        send("q1", 1, STARTED, new CallStarted("ana", "", STARTED, true));
        now.addAndGet(5_000);
        send("q1", 2, STARTED + 5_000, new TrustSignal("trust.open-question", "what made you", 4.0, 4.6));
        assertThat(ingest.closeSilentCalls(SILENCE, now.get() + SILENCE.toMillis() - 1).join()).isZero();
        assertThat(ingest.closeSilentCalls(SILENCE, now.get() + SILENCE.toMillis()).join()).isEqualTo(1);
    }

    @Test
    void aClosedSilentCallLastsFromItsStartToTheLastMomentItsAgentMentioned() throws Exception {
        send("q1", 1, STARTED, new CallStarted("ana", "", STARTED, true));
        now.set(STARTED + 90_000);
        send("q1", 2, STARTED + 90_000, new TrustSignal("trust.open-question", "what made you", 89.0, 89.6));
        assertThat(ingest.closeSilentCalls(SILENCE, now.get() + SILENCE.toMillis()).join()).isEqualTo(1);
        List<Envelope> events = store.events("q1");
        assertThat(events.get(2).data()).isEqualTo(new CallEnded(90.0, "abandoned"));
    }
}
