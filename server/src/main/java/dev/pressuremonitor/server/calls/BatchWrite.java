package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of events written in the caller's transaction, and what came of each: new, a resend of what is stored,
 * or a conflict with it. The events go in as one JDBC batch, in (callId, seq) order; then the rows that depend on
 * which were new (a call's row for a new call_started, an alert's row for a new alert) as two more.
 */
final class BatchWrite {
    /** One event to write, with its payload's JSON as it arrived where that was kept (else it is encoded again). */
    record Row(dev.pressuremonitor.models.EventCodec.Decoded event) {
        Envelope envelope() {
            return event.envelope();
        }
    }

    /**
     * The events' insert. The payload's text is bound as the UTF-8 it arrived in, often the whole frame it came in,
     * with where in it the payload lies, and cut out and turned into text by the database: the driver would
     * otherwise encode a String of it into UTF-8 again (the writer's largest allocation, a sixth of the server's
     * under load). The stored value is the same text either way.
     */
    private static final String INSERT_SQLITE = "INSERT INTO events (call_id, seq, type, ts, data) VALUES (?, ?, ?, ?, CAST(substr(?, ?, ?) AS TEXT)) ON CONFLICT (call_id, seq) DO NOTHING";
    private static final String INSERT_POSTGRES = "INSERT INTO events (call_id, seq, type, ts, data) VALUES (?, ?, ?, ?, convert_from(substring(? from ? for ?), 'UTF8')) ON CONFLICT (call_id, seq) DO NOTHING";

    /** Per row, in the order given. */
    final CallStore.Stored[] outcomes;
    /** Calls whose call_ended was stored just now. */
    final List<String> ended = new ArrayList<>();
    /** Calls whose call_ended came again, the same as stored. */
    final List<String> endResent = new ArrayList<>();
    /**
     * Per call, the lowest seq of a new event other than call_started and call_ended: a gap filled late if the
     * database holds a call_ended above it.
     */
    final Map<String, Long> lowestNew = new LinkedHashMap<>();

    private BatchWrite(int size) {
        outcomes = new CallStore.Stored[size];
    }

    /** Writes {@code rows} on {@code c} (its transaction left open for the caller to commit). */
    static BatchWrite write(Connection c, boolean sqlite, List<Row> rows) throws SQLException {
        BatchWrite w = new BatchWrite(rows.size());
        Integer[] order = inKeyOrder(rows);
        dev.pressuremonitor.models.EventCodec.Decoded[] data = new dev.pressuremonitor.models.EventCodec.Decoded[rows.size()];
        int[] inserted;
        try (PreparedStatement ev = c.prepareStatement(sqlite ? INSERT_SQLITE : INSERT_POSTGRES)) {
            for (int i : order) {
                Envelope e = rows.get(i).envelope();
                data[i] = withPayload(rows.get(i).event());
                ev.setString(1, e.callId());
                ev.setLong(2, e.seq());
                ev.setString(3, e.type().wire());
                ev.setLong(4, e.ts());
                ev.setBytes(5, data[i].text());
                ev.setInt(6, data[i].payloadFrom() + 1); // SQL counts from 1
                ev.setInt(7, data[i].payloadTo() - data[i].payloadFrom());
                ev.addBatch();
            }
            inserted = ev.executeBatch();
        }
        try (PreparedStatement call = c.prepareStatement("INSERT INTO calls (call_id, rep, team, started_at, prospect_channel) VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING");
             PreparedStatement alert = c.prepareStatement("INSERT INTO alerts (call_id, seq, category, rule, phrase, severity, start_s, end_s, nudge) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id, seq) DO NOTHING");
             PreparedStatement existing = c.prepareStatement("SELECT type, data FROM events WHERE call_id = ? AND seq = ?")) {
            int calls = 0, alerts = 0;
            for (int k = 0; k < order.length; k++) {
                int i = order[k];
                Envelope e = rows.get(i).envelope();
                if (inserted[k] != 1 && inserted[k] != 0) {
                    throw new SQLException("the database did not say which events were new (update count " + inserted[k]
                            + "): a setting that rewrites batches hides it; remove reWriteBatchedInserts from the database URL");
                }
                if (inserted[k] == 0) {
                    w.outcomes[i] = stored(existing, e, data[i].payload());
                    // a resent call_ended finishes a call whose summary a crash kept from being saved
                    if (w.outcomes[i] == CallStore.Stored.DUPLICATE && e.data() instanceof CallEnded) w.endResent.add(e.callId());
                    continue;
                }
                w.outcomes[i] = CallStore.Stored.NEW;
                if (!(e.data() instanceof CallStarted) && !(e.data() instanceof CallEnded)) w.lowestNew.merge(e.callId(), e.seq(), Math::min);
                if (e.data() instanceof CallStarted s) {
                    call.setString(1, e.callId());
                    call.setString(2, s.rep());
                    call.setString(3, s.team());
                    call.setLong(4, s.startedAt());
                    call.setInt(5, s.prospectChannel() ? 1 : 0);
                    call.addBatch();
                    calls++;
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
                    alert.addBatch();
                    alerts++;
                } else if (e.data() instanceof CallEnded) {
                    w.ended.add(e.callId());
                }
            }
            if (calls > 0) call.executeBatch();
            if (alerts > 0) alert.executeBatch();
        }
        return w;
    }

    /** The event with its payload's text: as it arrived where that was kept, else the payload encoded. */
    private static dev.pressuremonitor.models.EventCodec.Decoded withPayload(dev.pressuremonitor.models.EventCodec.Decoded d) {
        return d.keptPayload() ? d : dev.pressuremonitor.models.EventCodec.Decoded.withPayload(d.envelope(), Json.write(d.envelope().data()));
    }

    /** What an event the database already had at its seq is: the same event again, or another one. */
    private static CallStore.Stored stored(PreparedStatement existing, Envelope e, String data) throws SQLException {
        existing.setString(1, e.callId());
        existing.setLong(2, e.seq());
        try (ResultSet r = existing.executeQuery()) {
            boolean same = r.next() && r.getString(1).equals(e.type().wire()) && samePayload(r.getString(2), data, e);
            return same ? CallStore.Stored.DUPLICATE : CallStore.Stored.CONFLICT;
        }
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
     * The rows' positions in (callId, seq) order, events of one call in the order they came where their seq is
     * the same. A call's rows sit together in the tables' keys, so written in this order consecutive inserts land
     * on the same index pages, which the commit then writes once; in arrival order, with a thousand calls
     * interleaved, nearly every insert dirtied pages of its own.
     */
    private static Integer[] inKeyOrder(List<Row> rows) {
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // a stable sort: of two events with the same key the first to arrive is written first
        Arrays.sort(order, Comparator.<Integer, String>comparing(i -> rows.get(i).envelope().callId())
                .thenComparingLong(i -> rows.get(i).envelope().seq()));
        return order;
    }
}
