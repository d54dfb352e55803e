package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.ingest.IngestService;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL waits for a lock for as long as it is held, where SQLite gives up after its busy timeout: another
 * session holding the events table locked (an administrator's LOCK TABLE, a migration by hand) must not hold every
 * acknowledgement for as long. The call_ended caught behind the lock is answered "retry" within seconds, the
 * store says it is busy, and the agent's resend after the lock goes ends the call whole.
 */
class PostgresLockedTableTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCallEndedWhileAnotherSessionLocksTheEventsTableIsAnsweredRetryAndTheResendEndsTheCall() throws Exception {
        String url = PostgresCallStoreTest.URL;
        boolean set = url != null && !url.isBlank();
        if (!set && "true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("CI=true, so this test cannot skip: " + PostgresCallStoreTest.NEEDS);
        assumeTrue(set, PostgresCallStoreTest.NEEDS);
        String id = "locked-" + UUID.randomUUID();
        try (CallStore store = CallStore.open(url)) {
            IngestService ingest = new IngestService(new OverlayHub(), store, new TeamMetrics(false));
            assertThat(send(ingest, new Envelope(id, 1, 1_000, new CallStarted("ana", "emea", 1_000, true)))).isEqualTo(AgentReply.ack(id, 1));
            Envelope end = new Envelope(id, 2, 2_000, new CallEnded(1, "hangup"));

            try (Connection admin = DriverManager.getConnection(url)) {
                admin.setAutoCommit(false);
                admin.createStatement().execute("LOCK TABLE events IN EXCLUSIVE MODE");
                AgentReply behindTheLock = ingest.ingest(end, EventCodec.encode(end), System.nanoTime(), dev.pressuremonitor.server.access.Principal.LOCAL)
                        .get(30, TimeUnit.SECONDS);
                assertThat(behindTheLock.isAck()).isFalse();
                assertThat(behindTheLock).isEqualTo(AgentReply.retry(id, 2, behindTheLock.message()));
                assertThat(store.health().describe()).startsWith("database busy");
                admin.rollback();
            }

            assertThat(send(ingest, end)).as("the agent's resend").isEqualTo(AgentReply.ack(id, 2));
            assertThat(store.events(id)).extracting(Envelope::seq).containsExactly(1L, 2L);
            await().until(() -> store.summary(id).orElseThrow().ended());
        }
    }

    static AgentReply send(IngestService ingest, Envelope e) throws Exception {
        return ingest.ingest(e, EventCodec.encode(e), System.nanoTime(), dev.pressuremonitor.server.access.Principal.LOCAL).get(30, TimeUnit.SECONDS);
    }
}
