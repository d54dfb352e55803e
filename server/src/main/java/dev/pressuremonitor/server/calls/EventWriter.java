package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

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

    /** @param payload the payload's JSON as it arrived, stored as it is; null to encode it */
    private record Pending(Envelope envelope, String payload, CompletableFuture<CallStore.Stored> done) {}

    private static final Pending STOP = new Pending(null, null, null);

    private final Database db;
    private final WriteHealth health;
    private final Consumer<String> onEnded;
    private final Consumer<String> onEndResent;
    private final Consumer<String> onRefilled;
    private final BlockingQueue<Pending> writes = new LinkedBlockingQueue<>();
    /** Every call id the database holds, so a new call costs no query on the network thread. */
    private final Set<String> knownCalls = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param onEnded     told, on this thread, the id of each call whose call_ended was just stored
     * @param onEndResent told the id of each call whose call_ended came again (already stored)
     * @param onRefilled  told the id of each ended call that just got an event it had been missing (a gap filled late)
     */
    EventWriter(Database db, WriteHealth health, Consumer<String> onEnded, Consumer<String> onEndResent, Consumer<String> onRefilled)
            throws SQLException {
        this.db = db;
        this.health = health;
        this.onEnded = onEnded;
        this.onEndResent = onEndResent;
        this.onRefilled = onRefilled;
        try (Connection c = db.connection(); var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT call_id FROM calls")) {
            while (r.next()) knownCalls.add(r.getString(1));
        }
        thread = new Thread(this::writeLoop, "call-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<CallStore.Stored> append(Envelope envelope, String payload) {
        CompletableFuture<CallStore.Stored> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("the call store is closed"));
            return f;
        }
        if (envelope.data() instanceof CallStarted) knownCalls.add(envelope.callId());
        writes.add(new Pending(envelope, payload, f));
        return f;
    }

    /** Events queued and not yet taken into a batch. */
    int waiting() {
        return writes.size();
    }

    boolean mayHave(String callId) {
        return knownCalls.contains(callId);
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = writes.take();
                if (first == STOP) return;
                batch.add(first);
                writes.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(STOP);
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
        CallStore.Stored[] fresh = new CallStore.Stored[batch.size()];
        List<String> ended = new ArrayList<>();
        List<String> resent = new ArrayList<>();
        // per call, the lowest seq of a new event other than call_started and call_ended: a gap filled late if the
        // database holds a call_ended above it
        java.util.Map<String, Long> lowestNew = new java.util.LinkedHashMap<>();
        Connection c = null;
        try {
            c = db.connection();
            c.setAutoCommit(false);
            try (PreparedStatement ev = c.prepareStatement("INSERT INTO events (call_id, seq, type, ts, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id, seq) DO NOTHING");
                 PreparedStatement call = c.prepareStatement("INSERT INTO calls (call_id, rep, team, started_at, prospect_channel) VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING");
                 PreparedStatement alert = c.prepareStatement("INSERT INTO alerts (call_id, seq, category, rule, phrase, severity, start_s, end_s, nudge) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id, seq) DO NOTHING");
                 PreparedStatement existing = c.prepareStatement("SELECT type, data FROM events WHERE call_id = ? AND seq = ?")) {
                for (int i : inKeyOrder(batch)) {
                    Pending p = batch.get(i);
                    Envelope e = p.envelope();
                    ev.setString(1, e.callId());
                    ev.setLong(2, e.seq());
                    ev.setString(3, e.type().wire());
                    ev.setLong(4, e.ts());
                    String data = p.payload() != null ? p.payload() : Json.write(e.data());
                    ev.setString(5, data);
                    boolean isNew = ev.executeUpdate() == 1;
                    if (!isNew) {
                        existing.setString(1, e.callId());
                        existing.setLong(2, e.seq());
                        try (ResultSet r = existing.executeQuery()) {
                            boolean same = r.next() && r.getString(1).equals(e.type().wire()) && samePayload(r.getString(2), data, e);
                            fresh[i] = same ? CallStore.Stored.DUPLICATE : CallStore.Stored.CONFLICT;
                            // a resent call_ended finishes a call whose summary a crash kept from being saved
                            if (same && e.data() instanceof CallEnded) resent.add(e.callId());
                        }
                        continue;
                    }
                    fresh[i] = CallStore.Stored.NEW;
                    if (!(e.data() instanceof CallStarted) && !(e.data() instanceof CallEnded)) lowestNew.merge(e.callId(), e.seq(), Math::min);
                    if (e.data() instanceof CallStarted s) {
                        call.setString(1, e.callId());
                        call.setString(2, s.rep());
                        call.setString(3, s.team());
                        call.setLong(4, s.startedAt());
                        call.setInt(5, s.prospectChannel() ? 1 : 0);
                        call.executeUpdate();
                    } else if (e.data() instanceof Alert a) {
                        alert.setString(1, e.callId());
                        alert.setLong(2, e.seq());
                        alert.setString(3, a.category().name());
                        alert.setString(4, a.rule());
                        alert.setString(5, a.phrase());
                        alert.setString(6, a.severity().name());
                        alert.setDouble(7, a.start());
                        alert.setDouble(8, a.end());
                        alert.setInt(9, a.nudge() ? 1 : 0);
                        alert.executeUpdate();
                    } else if (e.data() instanceof CallEnded) {
                        ended.add(e.callId());
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            abandon(c, e);
            c = null; // evicted: the pool closes it
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
        for (int i = 0; i < batch.size(); i++) batch.get(i).done().complete(fresh[i]);
        ended.forEach(onEnded);
        resent.forEach(onEndResent);
        ended.forEach(lowestNew::remove);
        refilledLate(lowestNew).forEach(onRefilled);
    }

    /**
     * The batch's positions in (callId, seq) order, events of one call in the order they came where their seq is
     * the same. A call's rows sit together in the tables' keys, so written in this order consecutive inserts land
     * on the same index pages, which the commit then writes once; in arrival order, with a thousand calls
     * interleaved, nearly every insert dirtied pages of its own (about 15-20% more of the writer's time).
     */
    private static Integer[] inKeyOrder(List<Pending> batch) {
        Integer[] order = new Integer[batch.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // a stable sort: of two events with the same key the first to arrive is written first, as before
        java.util.Arrays.sort(order, java.util.Comparator.<Integer, String>comparing(i -> batch.get(i).envelope().callId())
                .thenComparingLong(i -> batch.get(i).envelope().seq()));
        return order;
    }

    /**
     * Whether the payload stored at an event's seq is the event's: the same text almost always (an agent resends
     * what it sent), else the same payload spelt another way (with spaces, or by another version of the agent).
     */
    private static boolean samePayload(String stored, String arrived, Envelope e) {
        if (stored.equals(arrived)) return true;
        try {
            return Json.read(stored, e.type().payloadClass()).equals(e.data());
        } catch (dev.pressuremonitor.models.DecodeException unreadable) {
            return false;
        }
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
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
