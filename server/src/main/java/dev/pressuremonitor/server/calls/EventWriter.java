package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that writes events: it commits them in batches and completes each event's future only once
 * its batch is durable, so an acknowledged event survives a crash. Appends are idempotent on (callId, seq).
 */
final class EventWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    /**
     * Events in one commit at most. Batches are as big as what waits when the writer comes round, so they grow
     * when it falls behind; a bigger batch costs less per event (each index page it dirties is written once per
     * commit, and more events share it), which is how the writer catches up.
     */
    static final int MAX_BATCH = 2_000;

    /** @param row the event, with its payload's JSON as it arrived (null to encode it) */
    private record Pending(BatchWrite.Row row, CompletableFuture<CallStore.Stored> done) {}

    private static final Pending STOP = new Pending(null, null);

    private final Database db;
    private final WriteHealth health;
    private final Listener told;
    private final BlockingQueue<Pending> writes = new LinkedBlockingQueue<>();
    /** The call ids the database may hold, so a new call costs no query on the network thread ({@link KnownCalls}: how). */
    private final KnownCalls knownCalls = new KnownCalls();
    private final Thread thread;
    private volatile boolean closed;

    /** What the writer tells the rest of the store after each commit, on its own thread, in this order. */
    interface Listener {
        /** An event just stored that the database did not have (a resend or a conflict is not told). */
        void stored(Envelope event);

        /** A call whose call_ended was just stored. */
        void ended(String callId);

        /** A call whose call_ended came again, the same as stored. */
        void endResent(String callId);

        /** An ended call that just got an event it had been missing (a gap filled late). */
        void refilled(String callId);
    }

    EventWriter(Database db, WriteHealth health, Listener told) throws SQLException {
        this.db = db;
        this.health = health;
        this.told = told;
        try (Connection c = db.connection(); var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT call_id FROM calls")) {
            while (r.next()) knownCalls.add(r.getString(1));
        }
        thread = new Thread(this::writeLoop, "call-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<CallStore.Stored> append(dev.pressuremonitor.models.EventCodec.Decoded event) {
        Envelope envelope = event.envelope();
        CompletableFuture<CallStore.Stored> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("the call store is closed"));
            return f;
        }
        if (envelope.data() instanceof CallStarted) knownCalls.add(envelope.callId());
        writes.add(new Pending(new BatchWrite.Row(event), f));
        // a full batch need not wait out the busy interval (a hint: a wake-up missed in a race costs at most that)
        if (writes.size() == MAX_BATCH) LockSupport.unpark(thread);
        return f;
    }

    /** Events queued and not yet taken into a batch. */
    int waiting() {
        return writes.size();
    }

    boolean mayHave(String callId) {
        return knownCalls.mayHold(callId);
    }

    /**
     * A batch this big means the writer is busy: several events came in while one commit was being written. The
     * next commit then waits until {@link #BUSY_INTERVAL_NANOS} after the last one began (or a full batch), so a
     * busy server commits ten times a second instead of as often as it can. Each commit costs a disk flush and a
     * write of every index page it touched; with a thousand calls interleaved a page rarely holds two events of
     * one commit unless commits are far enough apart. This cut the writer's CPU by 60% at 1,000 events/s and by a
     * third at 4,000 (BENCHMARKS.md); the price is acknowledgements up to 0.1 s later, and only while events come
     * in faster than one commit's time apart (overlays see events before they are stored). A lone event, as
     * when one rep talks, is committed at once.
     */
    static final int BUSY_BATCH = 8;
    static final long BUSY_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
    /** Whether the last batch was {@link #BUSY_BATCH} events or more. Writer thread only. */
    private boolean busy;
    /** When the last commit began. Writer thread only. */
    private long lastCommit = System.nanoTime();

    /**
     * Lets events gather until {@link #BUSY_INTERVAL_NANOS} after the last commit began, or a full batch, then takes
     * them. The writer sleeps through the wait instead of waking for each event: woken per event, it cost each
     * network thread a futex call (a system call) per event it queued and the writer a context switch, for events
     * that then waited for the same commit anyway.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        long until = lastCommit + BUSY_INTERVAL_NANOS;
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            if (closed || batch.size() + writes.size() >= MAX_BATCH) break;
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) throw new InterruptedException();
        }
        writes.drainTo(batch, MAX_BATCH - batch.size());
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = writes.take();
                if (first == STOP) return;
                batch.add(first);
                if (busy) gather(batch);
                writes.drainTo(batch, MAX_BATCH - batch.size());
                boolean stop = batch.remove(STOP);
                busy = batch.size() >= BUSY_BATCH;
                lastCommit = System.nanoTime();
                try {
                    commit(batch);
                } catch (RuntimeException e) {
                    // the writer must outlive anything a driver or pool throws: fail the batch, keep writing
                    log.error("could not store {} event(s): {}", batch.size(), e.toString());
                    batch.forEach(p -> p.done().completeExceptionally(e));
                }
                batch.clear();
                if (stop) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void commit(List<Pending> batch) {
        BatchWrite written;
        Connection c = null;
        try {
            c = db.connection();
            c.setAutoCommit(false);
            written = BatchWrite.write(c, db.isSqlite(), batch.stream().map(Pending::row).toList());
            c.commit();
        } catch (SQLException e) {
            boolean connected = c != null;
            abandon(c, e);
            c = null; // evicted: the pool closes it
            if (connected && batch.size() > 1 && WriteHealth.classify(e) == WriteHealth.Reason.OTHER) {
                // most likely one event the database would not take: alone it would fail every other event of its
                // batch, other agents' too, at each resend; halves are stored alone until it is found
                log.warn("could not store a batch of {} events ({}): storing it in halves to find the event at fault", batch.size(), e.getMessage());
                int half = batch.size() / 2;
                commit(new ArrayList<>(batch.subList(0, half)));
                commit(new ArrayList<>(batch.subList(half, batch.size())));
                return;
            }
            WriteHealth.Reason why = health.failed(e);
            if (why == WriteHealth.Reason.DISK_FULL) {
                log.error("could not store {} event(s): disk full ({}); agents keep them and resend, writes resume once there is space",
                        batch.size(), e.getMessage());
            } else {
                log.error("could not store {} event(s): {}", batch.size(), e.getMessage());
            }
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        } finally {
            closeQuietly(c);
        }
        if (health.ok()) log.warn("storing works again");
        for (int i = 0; i < batch.size(); i++) batch.get(i).done().complete(written.outcomes[i]);
        for (int i = 0; i < batch.size(); i++) if (written.outcomes[i] == CallStore.Stored.NEW) told.stored(batch.get(i).row().envelope());
        written.ended.forEach(told::ended);
        written.endResent.forEach(told::endResent);
        written.ended.forEach(written.lowestNew::remove);
        refilledLate(written.lowestNew).forEach(told::refilled);
    }

    /**
     * The calls among {@code lowestNew} whose call_ended the database holds above their newly stored events. Asked
     * after the commit and never answered from memory: with several servers on one database another server may
     * have stored the call_ended meanwhile. A call_ended committed after this question is summarised from events
     * that include ours, so no late event is missed either way. One query per batch, ranging over each call's events
     * above the new ones only (for events appended at the end: the batch's own).
     */
    private List<String> refilledLate(java.util.Map<String, Long> lowestNew) {
        List<String> out = new ArrayList<>();
        if (lowestNew.isEmpty()) return out;
        String values = String.join(", ", java.util.Collections.nCopies(lowestNew.size(), "(?, CAST(? AS BIGINT))"));
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("WITH fresh (call_id, seq) AS (VALUES " + values + ") "
                + "SELECT DISTINCT f.call_id FROM fresh f JOIN events e ON e.call_id = f.call_id AND e.seq > f.seq WHERE e.type = 'call_ended'")) {
            int i = 1;
            for (var e : lowestNew.entrySet()) {
                p.setString(i++, e.getKey());
                p.setLong(i++, e.getValue());
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
        } catch (SQLException e) {
            log.error("could not check whether {} call(s) had ended before their late events ({}): their saved summaries may miss those events",
                    lowestNew.size(), e.getMessage());
        }
        return out;
    }

    /**
     * After a failed write the transaction may already be gone (SQLite rolls back by itself on a full disk), and
     * the driver's idea of it with it: roll back if there is anything to roll back, and never hand that
     * connection out again, so a later batch cannot be committed on a connection that then reports an error.
     * Eviction closes it: it must not be closed again.
     */
    private void abandon(Connection c, SQLException e) {
        if (c == null) return;
        try {
            c.rollback();
        } catch (SQLException r) {
            e.addSuppressed(r);
        }
        db.evict(c);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("could not return a connection to the pool: {}", e.getMessage());
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        writes.add(STOP);
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
