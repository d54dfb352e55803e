package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallRow;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventType;
import dev.pressuremonitor.models.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads calls back: their state for ingest, their events, and lists of calls. */
final class CallReader {
    private static final Logger log = LoggerFactory.getLogger(CallReader.class);

    private final Database db;

    CallReader(Database db) {
        this.db = db;
    }

    Optional<CallStore.CallState> callState(String callId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT c.rep, c.team, c.started_at, (SELECT MAX(seq) FROM events e WHERE e.call_id = c.call_id), "
                     + "(SELECT MIN(seq) FROM events e WHERE e.call_id = c.call_id AND e.type = 'call_ended') FROM calls c WHERE c.call_id = ?")) {
            p.setString(1, callId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                return Optional.of(new CallStore.CallState(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5)));
            }
        }
    }

    List<Envelope> events(String callId) throws SQLException {
        return eventsAfter(callId, 0);
    }

    /** The call's events with a seq above {@code afterSeq}, in seq order. */
    List<Envelope> eventsAfter(String callId, long afterSeq) throws SQLException {
        return read(callId, afterSeq, null);
    }

    /** The call's events of one type, in seq order: the others are neither fetched nor decoded. */
    List<Envelope> events(String callId, EventType only) throws SQLException {
        return read(callId, 0, only);
    }

    private List<Envelope> read(String callId, long afterSeq, EventType only) throws SQLException {
        List<Envelope> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT seq, type, ts, data FROM events WHERE call_id = ? AND seq > ?"
                     + (only == null ? "" : " AND type = ?") + " ORDER BY seq")) {
            p.setString(1, callId);
            p.setLong(2, afterSeq);
            if (only != null) p.setString(3, only.wire());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    EventType type = EventType.ofWire(r.getString(2));
                    try {
                        Event e = EventCodec.readPayload(type, r.getBytes(4)); // the stored text's UTF-8, not a String of it
                        out.add(new Envelope(callId, r.getLong(1), r.getLong(3), e));
                    } catch (DecodeException e) {
                        log.warn("stored event {}#{} cannot be read ({}): left out", callId, r.getLong(1), e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /** Calls with no stored call_ended, with their last stored event; only {@code callId}'s when it is not null. */
    List<CallStore.OpenCall> openCalls(String callId) throws SQLException {
        List<CallStore.OpenCall> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT c.call_id, c.rep, c.team, c.started_at, MAX(e.seq), MAX(e.ts) FROM calls c JOIN events e ON e.call_id = c.call_id "
                        + "WHERE c.ended_at IS NULL" + (callId == null ? "" : " AND c.call_id = ?")
                        + " AND NOT EXISTS (SELECT 1 FROM events x WHERE x.call_id = c.call_id AND x.type = 'call_ended') "
                        + "GROUP BY c.call_id, c.rep, c.team, c.started_at")) {
            if (callId != null) p.setString(1, callId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new CallStore.OpenCall(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getLong(6)));
                }
            }
        }
        return out;
    }

    /** How many events of the call are stored. */
    long eventCount(String callId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM events WHERE call_id = ?")) {
            p.setString(1, callId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Calls with a stored call_ended but no saved summary (a crash came between the two). */
    List<String> endedWithoutSummary() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); var s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT c.call_id FROM calls c WHERE c.summary IS NULL AND EXISTS "
                     + "(SELECT 1 FROM events e WHERE e.call_id = c.call_id AND e.type = 'call_ended')")) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }

    List<CallRow> list(CallFilter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT call_id, rep, team, started_at, ended_at, duration_s, pressure_score, talk_share FROM calls WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.rep() != null) { sql.append(" AND rep = ?"); args.add(f.rep()); }
        if (f.team() != null) { sql.append(" AND team = ?"); args.add(f.team()); }
        if (f.from() != null) { sql.append(" AND started_at >= ?"); args.add(f.from()); }
        if (f.to() != null) { sql.append(" AND started_at < ?"); args.add(f.to()); }
        sql.append(" ORDER BY started_at DESC, call_id LIMIT ?");
        args.add(f.limit());
        List<CallRow> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) p.setObject(i + 1, args.get(i));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new CallRow(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), Sql.nullableLong(r, 5),
                            Sql.nullableDouble(r, 6), Sql.nullableInt(r, 7), Sql.nullableDouble(r, 8)));
                }
            }
        }
        return out;
    }
}
