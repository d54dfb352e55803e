package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.EventType;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call_ended the database does not store (it refuses writes of call endings for a while; reading still works)
 * ends nothing: the call stays open, so a resend or the server's close after silence still ends it.
 */
class UnstoredCallEndTest {
    private static final Duration SILENCE = Duration.ofMinutes(10);
    private static final long STARTED = 1_700_000_000_000L;

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(STARTED);
    private String url;
    private CallStore store;
    private IngestService ingest;

    @BeforeEach
    void open() {
        url = "jdbc:sqlite:" + dir.resolve("calls.db");
        store = CallStore.open(url);
        ingest = new IngestService(new OverlayHub(), store, new TeamMetrics(false), new ServerConfig.Limits(4, 200, 1, 100), now::get);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The database refuses to store call endings (as a full disk or a failing write would) until told otherwise. */
    private void refuseCallEndings(boolean refuse) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(refuse
                    ? "CREATE TRIGGER refuse_endings BEFORE INSERT ON events WHEN NEW.type = 'call_ended' BEGIN SELECT RAISE(ABORT, 'cannot write'); END"
                    : "DROP TRIGGER refuse_endings");
        }
    }

    private AgentReply send(String callId, long seq, long ts, Event e) {
        return ingest.ingest(EventCodec.encode(new Envelope(callId, seq, ts, e))).join();
    }

    private int closeSilentCalls(long at) {
        return ingest.closeSilentCalls(SILENCE, at).join();
    }

    @Test
    void anAgentWhoseCallEndedWasNotStoredIsAskedToResendItAndTheResendEndsTheCall() throws Exception {
        send("c1", 1, STARTED, new CallStarted("ana", "emea", STARTED, true));
        refuseCallEndings(true);
        assertThat(send("c1", 2, STARTED + 60_000, new CallEnded(60, "hangup")).isAck()).isFalse();
        refuseCallEndings(false);

        assertThat(send("c1", 2, STARTED + 60_000, new CallEnded(60, "hangup"))).isEqualTo(AgentReply.ack("c1", 2));
        assertThat(store.callState("c1").orElseThrow().ended()).isTrue();
    }

    @Test
    void aCallWhoseCallEndedWasNotStoredIsClosedAfterSilenceWhenItsAgentNeverResendsIt() throws Exception {
        send("c1", 1, STARTED, new CallStarted("ana", "emea", STARTED, true));
        refuseCallEndings(true);
        send("c1", 2, STARTED + 60_000, new CallEnded(60, "hangup"));
        refuseCallEndings(false);
        // the agent is gone for good

        assertThat(closeSilentCalls(STARTED + SILENCE.toMillis())).isEqualTo(1);
        assertThat(store.events("c1", EventType.CALL_ENDED)).extracting(Envelope::data).containsExactly(new CallEnded(60, "abandoned"));
    }

    @Test
    void aCloseForSilenceTheDatabaseDidNotStoreIsTriedAgainAtTheNextCheck() throws Exception {
        send("c1", 1, STARTED, new CallStarted("ana", "emea", STARTED, true));
        refuseCallEndings(true);
        assertThat(closeSilentCalls(STARTED + SILENCE.toMillis())).isZero();
        refuseCallEndings(false);

        assertThat(closeSilentCalls(STARTED + SILENCE.toMillis() + 60_000)).isEqualTo(1);
        assertThat(store.callState("c1").orElseThrow().ended()).isTrue();
    }
}
