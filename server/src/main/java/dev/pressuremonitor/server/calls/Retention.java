package dev.pressuremonitor.server.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Forgets calls past the retention period, with their events, alerts and the marks made on them. */
final class Retention {
    private final Database db;

    Retention(Database db) {
        this.db = db;
    }

    /** Deletes calls that ended before {@code cutoff} (epoch ms) with their events; returns how many calls. */
    int deleteEndedBefore(long cutoff) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement e = c.prepareStatement("DELETE FROM events WHERE call_id IN (SELECT call_id FROM calls WHERE ended_at < ?)");
                 PreparedStatement a = c.prepareStatement("DELETE FROM alerts WHERE call_id IN (SELECT call_id FROM calls WHERE ended_at < ?)");
                 PreparedStatement f = c.prepareStatement("DELETE FROM feedback WHERE call_id IN (SELECT call_id FROM calls WHERE ended_at < ?)");
                 PreparedStatement k = c.prepareStatement("DELETE FROM calls WHERE ended_at < ?")) {
                e.setLong(1, cutoff);
                e.executeUpdate();
                a.setLong(1, cutoff);
                a.executeUpdate();
                f.setLong(1, cutoff);
                f.executeUpdate();
                k.setLong(1, cutoff);
                int n = k.executeUpdate();
                c.commit();
                return n;
            } catch (SQLException ex) {
                c.rollback();
                throw ex;
            }
        }
    }
}
