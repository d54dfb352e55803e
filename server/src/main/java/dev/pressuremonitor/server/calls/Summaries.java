package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MindsetChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Calls' summaries: built from the stored events, saved beside each call once it ends (on a thread of their own,
 * so a long call's summary never holds up storing other calls' events), read back. A summary that cannot be saved
 * (a full disk) is tried again until it is.
 */
final class Summaries implements AutoCloseable {
    static final long FIRST_RETRY_MS = 500;
    static final long MAX_RETRY_MS = 30_000;

    private static final Logger log = LoggerFactory.getLogger(Summaries.class);

    private final Database db;
    private final CallReader reader;
    private final SummaryBuilder builder = new SummaryBuilder(MindsetChart.standard());
    private final WriteHealth health;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "call-summaries");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<CallSummary> onCallEnded = s -> { };
    private final LiveSummaries live;

    Summaries(Database db, CallReader reader, WriteHealth health) {
        this.db = db;
        this.reader = reader;
        this.health = health;
        this.live = new LiveSummaries(reader, builder, java.time.Duration.ofSeconds(2));
    }

    void onCallEnded(Consumer<CallSummary> listener) {
        this.onCallEnded = listener;
    }

    /** Builds the summary from the stored events (also for a call in progress). */
    CallSummary build(String callId) throws SQLException {
        return builder.build(callId, reader.events(callId));
    }

    /**
     * The saved summary of an ended call, or for a call in progress one kept up to date from its new events (at
     * most a couple of seconds old); empty if unknown.
     */
    Optional<CallSummary> summary(String callId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT summary FROM calls WHERE call_id = ?")) {
            p.setString(1, callId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                String json = r.getString(1);
                if (json != null) {
                    try {
                        return Optional.of(Json.read(json, CallSummary.class));
                    } catch (DecodeException e) {
                        log.warn("stored summary of {} cannot be read ({}): rebuilding it", callId, e.getMessage());
                    }
                }
            }
        }
        return Optional.of(live.summary(callId));
    }

    /** A call's call_ended is stored: its summary is built, saved and handed to the listener, soon, on the summaries' thread. */
    void ended(String callId) {
        worker.execute(() -> finish(callId, FIRST_RETRY_MS));
    }

    /** call_ended came again: the call is finished now if its summary was never saved. */
    void repair(String callId) {
        worker.execute(() -> {
            try {
                if (!hasSaved(callId)) finish(callId, FIRST_RETRY_MS);
            } catch (SQLException e) {
                log.error("could not check the summary of call {}: {}", callId, e.getMessage());
            }
        });
    }

    /**
     * An ended call got an event that had been missing: its saved summary is built again so that it and the
     * alerts table agree. The call is not announced as ended a second time.
     */
    void rebuild(String callId) {
        worker.execute(() -> {
            try {
                if (hasSaved(callId)) buildAndSave(callId);
            } catch (SQLException e) {
                log.error("could not rebuild the summary of call {} after a late event: {}; resending call_ended repairs it",
                        callId, e.getMessage());
            }
        });
    }

    private boolean hasSaved(String callId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT summary FROM calls WHERE call_id = ?")) {
            p.setString(1, callId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() && r.getString(1) != null;
            }
        }
    }

    private void finish(String callId, long retryMs) {
        try {
            CallSummary s = buildAndSave(callId);
            live.forget(callId);
            health.ok();
            onCallEnded.accept(s);
        } catch (SQLException e) {
            WriteHealth.Reason why = health.failed(e);
            log.error("could not save the summary of call {} ({}: {}): trying again in {} s", callId, why.tag, e.getMessage(), retryMs / 1000.0);
            retry(callId, retryMs);
        } catch (RuntimeException e) {
            log.error("could not summarise call {}: {}", callId, e.getMessage());
        }
    }

    private void retry(String callId, long retryMs) {
        try {
            worker.schedule(() -> finish(callId, Math.min(retryMs * 2, MAX_RETRY_MS)), retryMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // the store is closing: the summary is made when it opens again
        }
    }

    /**
     * Builds and saves the call's summary, again should an event have been stored meanwhile (another server on
     * the same database storing a late one): a late event stored after the second count finds this summary saved
     * and has it rebuilt ({@link #rebuild}), so the last summary saved holds every event.
     */
    private CallSummary buildAndSave(String callId) throws SQLException {
        for (int round = 1; ; round++) {
            long before = reader.eventCount(callId);
            CallSummary s = build(callId);
            save(s);
            if (reader.eventCount(callId) == before || round == 5) return s;
        }
    }

    private void save(CallSummary s) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("UPDATE calls SET ended_at = ?, duration_s = ?, pressure_score = ?, talk_share = ?, summary = ? WHERE call_id = ?")) {
            Sql.setLong(p, 1, s.endedAt());
            p.setDouble(2, s.duration());
            p.setInt(3, s.pressureScore());
            Sql.setDouble(p, 4, s.repTalkShare());
            p.setString(5, Json.write(s));
            p.setString(6, s.callId());
            p.executeUpdate();
        }
    }

    /** Finishes the summaries already asked for (not the retries waiting), then stops. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
