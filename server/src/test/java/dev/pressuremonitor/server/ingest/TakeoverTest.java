package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one database (what a load balancer in front of several servers gives): the second picks up a call
 * the first was following when the first went away, from what the database holds.
 */
class TakeoverTest {
    @TempDir
    Path dir;
    CallStore storeA, storeB;
    IngestService first, second;
    final OverlayHub hubB = new OverlayHub();

    static final Reframe REFRAME = new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side?");
    static final String START = event(1, new CallStarted("ana", "emea", 1_000, true));
    static final String NUDGE = event(2, new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 40, 41, true, REFRAME));
    static final String GAUGE = event(3, new MetricsSnapshot(60, 0.5, 0, 30, 10, 140, 2, 1, 0, null, 35, List.of()));
    static final String LATER = event(4, new Alert(Category.CLOSE, "close.ready-to-sign", "are you ready to sign", Severity.HIGH, Speaker.REP, 200, 201, true, REFRAME));
    static final String END = event(5, new CallEnded(300, "hangup"));

    /** Both servers are up before the call starts, as they are behind a load balancer. */
    void twoServers() {
        String url = "jdbc:sqlite:" + dir.resolve("shared.db");
        storeA = CallStore.open(url);
        storeB = CallStore.open(url);
        first = new IngestService(new OverlayHub(), storeA, new TeamMetrics(false));
        second = new IngestService(hubB, storeB, new TeamMetrics(false));
    }

    @AfterEach
    void close() {
        if (storeA != null) storeA.close();
        if (storeB != null) storeB.close();
    }

    static String event(long seq, Event e) {
        return EventCodec.encode(new Envelope("c1", seq, 1_000 + seq, e));
    }

    static AgentReply send(IngestService server, String json) {
        return server.ingest(json).join();
    }

    @Test
    void aSecondServerAcceptsTheRestOfACallTheFirstStartedAndEndsIt() throws Exception {
        twoServers();
        send(first, START);
        send(first, NUDGE);
        // the first server dies; the agent resends what it has not had confirmed to the second, then goes on
        assertThat(send(second, NUDGE)).isEqualTo(AgentReply.ack("c1", 2));
        assertThat(send(second, GAUGE)).isEqualTo(AgentReply.ack("c1", 3));
        assertThat(send(second, LATER)).isEqualTo(AgentReply.ack("c1", 4));
        assertThat(send(second, END)).isEqualTo(AgentReply.ack("c1", 5));

        assertThat(storeB.events("c1")).extracting(Envelope::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(second.duplicates()).isEqualTo(1);
    }

    @Test
    void anOverlayWatchingTheSecondServerGetsTheCallSoFarWhenTheCallMovesThere() throws Exception {
        twoServers();
        List<String> seen = new CopyOnWriteArrayList<>();
        hubB.subscribe("ana", (json, coalescable) -> seen.add(new String(json, java.nio.charset.StandardCharsets.UTF_8)));
        send(first, START);
        send(first, NUDGE);
        send(first, GAUGE);

        send(second, LATER);

        assertThat(seen).containsExactly(START, NUDGE, GAUGE, LATER);
    }

    @Test
    void aRepsNewCallOnTheSecondServerIsNotReplacedByAnOldOneResumed() throws Exception {
        twoServers();
        send(first, START);
        String fresh = EventCodec.encode(new Envelope("c2", 1, 5_000, new CallStarted("ana", "emea", 5_000, true)));
        send(second, fresh);
        List<String> seen = new CopyOnWriteArrayList<>();
        hubB.subscribe("ana", (json, coalescable) -> seen.add(new String(json, java.nio.charset.StandardCharsets.UTF_8)));

        send(second, LATER);

        assertThat(seen).containsExactly(fresh, LATER);
    }
}
