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
 * so a long call's summary never holds up storing other calls' events), read back. At a call's end its events are
 * taken from memory when this server stored all of them ({@link RunningCalls}), else read back from the database.
 * A summary that cannot be saved (a full disk) is tried again until it is.
 */
final class Summaries implements EventWriter.Listener, AutoCloseable {
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
    /** The events of calls in progress, as stored: a call's summary at its end is built from them when they are all there. */
    private final RunningCalls running = new RunningCalls();
    /** Summaries built from the events kept as they were stored, and from events read back. */
    private final java.util.concurrent.atomic.AtomicLong fromMemory = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong readBack = new java.util.concurrent.atomic.AtomicLong();
    /** Calls whose call_ended is stored and whose summary is not made yet. */
    private final java.util.Queue<String> ending = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Whether a run of {@link #finishEnding} is queued or under way: it takes every call ended until it is done. */
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * Summaries saved in one commit at most: few enough that a batch's summaries (each holding its call's alerts)
     * die young; at 200 they outlived the young collections of a busy server and filled the old generation, a full
     * collection at each wave of calls ending. A thousand calls are still 20 commits, not a thousand.
     */
    static final int SAVED_TOGETHER = 50;
    /** How much longer than a batch of summaries took the thread rests before the next, while more wait. */
    static final int REST_PER_WORK = 3;

    Summaries(Database db, CallReader reader, WriteHealth health) {
        this.db = db;
        this.reader = reader;
        this.health = health;
        this.live = new LiveSummaries(reader, builder, java.time.Duration.ofSeconds(2));
    }

    void onCallEnded(Consumer<CallSummary> listener) {
        this.onCallEnded = listener;
    }

    /** Summaries built from the events kept as they were stored, not read back. */
    long builtFromMemory() {
        return fromMemory.get();
    }

    /** Summaries built from the events read back from the database (calls this server did not store whole, rebuilds). */
    long builtFromDatabase() {
        return readBack.get();
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

    /** The writer stored an event new to the database: kept for its call's summary ({@link RunningCalls}). */
    @Override
    public void stored(dev.pressuremonitor.models.Envelope event) {
        running.stored(event);
    }

    /**
     * A call's call_ended is stored: its summary is built, saved and handed to the listener, soon, on the summaries'
     * thread, with those of the other calls that ended meanwhile.
     */
    @Override
    public void ended(String callId) {
        ending.add(callId);
        if (draining.compareAndSet(false, true)) worker.execute(this::finishEnding);
    }

    /** call_ended came again: the call is finished now if its summary was never saved. */
    @Override
    public void endResent(String callId) {
        worker.execute(() -> {
            try {
                if (!hasSaved(callId)) finish(java.util.List.of(callId), FIRST_RETRY_MS);
            } catch (SQLException e) {
                log.error("could not check the summary of call {}: {}", callId, e.getMessage());
            }
        });
    }

    /**
     * An ended call got an event that had been missing: its saved summary is built again so that it and the
     * alerts table agree. The call is not announced as ended a second time.
     */
    @Override
    public void refilled(String callId) {
        worker.execute(() -> {
            try {
                if (hasSaved(callId)) buildAndSave(java.util.List.of(callId));
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

    /**
     * The calls ended since the last run, in one batch: one commit saves all their summaries. With more waiting
     * (a thousand calls ending together) the thread then rests {@value #REST_PER_WORK} times as long as the batch
     * took before the next, so it takes at most a quarter of a core: building a summary reads and decodes every
     * event of its call, and done flat out for a thousand calls it took a core and most of what the server
     * allocated for a second, right when those reps' next calls began, whose live events then waited for the
     * processor and behind the collections. Resting as long as it worked (half a core) still left the live events
     * of those first seconds slower than resting three times as long (BENCHMARKS.md). Summaries are not urgent;
     * live events are.
     */
    private void finishEnding() {
        while (true) {
            long began = System.nanoTime();
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (String id; ids.size() < SAVED_TOGETHER && (id = ending.poll()) != null; ) ids.add(id);
            if (!ids.isEmpty()) finish(ids, FIRST_RETRY_MS);
            if (ending.isEmpty()) {
                draining.set(false);
                // a call that ended between the check and the reset would otherwise wait for the next one to end
                if (ending.isEmpty() || !draining.compareAndSet(false, true)) return;
            }
            try {
                worker.schedule(this::finishEnding, REST_PER_WORK * (System.nanoTime() - began), TimeUnit.NANOSECONDS);
                return;
            } catch (RejectedExecutionException closing) {
                // closing: what was asked for is finished now, batch after batch, without resting
            }
        }
    }

    private void finish(java.util.List<String> callIds, long retryMs) {
        try {
            for (CallSummary s : buildAndSave(callIds)) {
                live.forget(s.callId());
                onCallEnded.accept(s);
            }
            health.ok();
        } catch (SQLException e) {
            WriteHealth.Reason why = health.failed(e);
            log.error("could not save the summary of {} ({}: {}): trying again in {} s",
                    callIds.size() == 1 ? "call " + callIds.get(0) : callIds.size() + " calls", why.tag, e.getMessage(), retryMs / 1000.0);
            retry(callIds, retryMs);
        } catch (RuntimeException e) {
            log.error("could not save the summary of {}: {}", callIds.size() == 1 ? "call " + callIds.get(0) : callIds.size() + " calls", e.toString());
        }
    }

    private void retry(java.util.List<String> callIds, long retryMs) {
        try {
            worker.schedule(() -> finish(callIds, Math.min(retryMs * 2, MAX_RETRY_MS)), retryMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // the store is closing: the summary is made when it opens again
        }
    }

    /**
     * Builds and saves the calls' summaries, a call's again should an event have been stored meanwhile (another
     * server on the same database storing a late one): a late event stored after the second count finds this
     * summary saved and has it rebuilt ({@link #refilled}), so the last summary saved holds every event. All are
     * saved in one transaction: a commit per call was a disk flush per call, and with a thousand calls ending
     * together those flushes held the event writer up (SQLite has one writer at a time). A call whose summary
     * cannot be built is logged and left out; the others are saved.
     */
    private java.util.List<CallSummary> buildAndSave(java.util.List<String> callIds) throws SQLException {
        java.util.Map<String, CallSummary> built = new java.util.LinkedHashMap<>();
        java.util.List<String> todo = callIds;
        for (int round = 1; !todo.isEmpty(); round++) {
            java.util.Map<String, Long> before = new java.util.HashMap<>();
            java.util.List<CallSummary> now = new java.util.ArrayList<>();
            for (String id : todo) {
                long storedCount = reader.eventCount(id);
                before.put(id, storedCount);
                // the events kept as they were stored, when they are all of them; else (and in later rounds) read back
                java.util.List<dev.pressuremonitor.models.Envelope> kept = running.takeIfAll(id, storedCount);
                try {
                    now.add(kept != null ? builder.build(id, kept) : build(id));
                    (kept != null ? fromMemory : readBack).incrementAndGet();
                } catch (RuntimeException e) {
                    log.error("could not summarise call {}: {}", id, e.getMessage());
                }
            }
            save(now);
            java.util.List<String> again = new java.util.ArrayList<>();
            for (CallSummary s : now) {
                built.put(s.callId(), s);
                if (round < 5 && reader.eventCount(s.callId()) != before.get(s.callId())) again.add(s.callId());
            }
            todo = again;
        }
        return new java.util.ArrayList<>(built.values());
    }

    private void save(java.util.List<CallSummary> summaries) throws SQLException {
        if (summaries.isEmpty()) return;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("UPDATE calls SET ended_at = ?, duration_s = ?, pressure_score = ?, talk_share = ?, summary = ? WHERE call_id = ?")) {
                for (CallSummary s : summaries) {
                    Sql.setLong(p, 1, s.endedAt());
                    p.setDouble(2, s.duration());
                    p.setInt(3, s.pressureScore());
                    Sql.setDouble(p, 4, s.repTalkShare());
                    p.setString(5, Json.write(s));
                    p.setString(6, s.callId());
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
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
