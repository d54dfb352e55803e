package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallFeedback;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.FalseNudgeRate;
import dev.pressuremonitor.models.FeedbackMark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Marks people made on calls (table {@code feedback}), and the alerts they are about. */
public final class FeedbackTable {
    private static final String COLUMNS = "mark_id, call_id, team, rep, kind, alert_seq, rule, category, phrase, line_seq, start_s, end_s, "
            + "words, context, marked_by, marked_role, marked_at, review, reviewed_at";

    private final Database db;

    FeedbackTable(Database db) {
        this.db = db;
    }

    /** One stored alert of a call, by its seq; empty if the call has none there. */
    public Optional<CallFeedback.Moment> alert(String callId, long seq) throws SQLException {
        List<CallFeedback.Moment> found = moments("SELECT seq, start_s, end_s, category, rule, phrase, nudge FROM alerts WHERE call_id = ? AND seq = ?", callId, seq);
        return found.stream().findFirst();
    }

    /** The call's pressure alerts in call order. */
    public List<CallFeedback.Moment> moments(String callId) throws SQLException {
        return moments("SELECT seq, start_s, end_s, category, rule, phrase, nudge FROM alerts WHERE call_id = ? ORDER BY start_s, seq", callId, null);
    }

    private List<CallFeedback.Moment> moments(String sql, String callId, Long seq) throws SQLException {
        List<CallFeedback.Moment> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, callId);
            if (seq != null) p.setLong(2, seq);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new CallFeedback.Moment(r.getLong(1), r.getDouble(2), r.getDouble(3), Category.valueOf(r.getString(4)),
                            r.getString(5), r.getString(6), r.getInt(7) == 1));
                }
            }
        }
        return out;
    }

    /**
     * Stores a mark. A mark on a nudge replaces the same role's earlier mark on it (a rep who changes their mind), and
     * keeps that mark's id; a missed mark on a line replaces the same role's earlier one on that line; the mark as
     * stored is returned.
     */
    public FeedbackMark save(FeedbackMark m) throws SQLException {
        String sql = "INSERT INTO feedback (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + (m.alert() == null ? "" : " ON CONFLICT (call_id, alert_seq, marked_role) DO UPDATE SET kind = excluded.kind, "
                + "marked_by = excluded.marked_by, marked_at = excluded.marked_at, review = excluded.review, reviewed_at = excluded.reviewed_at, "
                + "words = excluded.words, context = excluded.context");
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (m.line() != null) replaceLineMark(c, m);
                insert(c, sql, m);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        if (m.alert() == null) return m;
        return select(" WHERE call_id = ? AND alert_seq = ? AND marked_role = ?", m.callId(), m.alert(), m.role().wire()).get(0);
    }

    /** A missed mark on a transcript line replaces the same role's earlier one on that line (a changed mind, not a second opinion). */
    private static void replaceLineMark(Connection c, FeedbackMark m) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM feedback WHERE call_id = ? AND line_seq = ? AND marked_role = ?")) {
            p.setString(1, m.callId());
            p.setLong(2, m.line());
            p.setString(3, m.role().wire());
            p.executeUpdate();
        }
    }

    private static void insert(Connection c, String sql, FeedbackMark m) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, m.id());
            p.setString(2, m.callId());
            p.setString(3, m.team());
            p.setString(4, m.rep());
            p.setString(5, m.kind().wire());
            Sql.setLong(p, 6, m.alert());
            p.setString(7, m.rule());
            p.setString(8, m.category().name());
            p.setString(9, m.phrase());
            Sql.setLong(p, 10, m.line());
            p.setDouble(11, m.start());
            p.setDouble(12, m.end());
            p.setString(13, m.words());
            p.setString(14, m.context());
            p.setString(15, m.markedBy());
            p.setString(16, m.role().wire());
            p.setLong(17, m.markedAt());
            p.setString(18, m.review().wire());
            Sql.setLong(p, 19, m.reviewedAt());
            p.executeUpdate();
        }
    }

    /** How many marks the call has. */
    public int count(String callId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM feedback WHERE call_id = ?")) {
            p.setString(1, callId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    public Optional<FeedbackMark> find(String markId) throws SQLException {
        return select(" WHERE mark_id = ?", markId).stream().findFirst();
    }

    /** The call's marks, oldest first. */
    public List<FeedbackMark> forCall(String callId) throws SQLException {
        return select(" WHERE call_id = ? ORDER BY marked_at, mark_id", callId);
    }

    /**
     * A team's marks made in [from, to), oldest first.
     *
     * @param team   the team, or null for every team (a local server without tokens)
     * @param rep    only this rep's calls, or null for all
     * @param review only marks in this state, or null for all
     */
    public List<FeedbackMark> forTeam(String team, String rep, FeedbackMark.Review review, long from, long to) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE marked_at >= ? AND marked_at < ?");
        List<Object> args = new ArrayList<>(List.of(from, to));
        if (team != null) {
            where.append(" AND team = ?");
            args.add(team);
        }
        if (rep != null) {
            where.append(" AND rep = ?");
            args.add(rep);
        }
        if (review != null) {
            where.append(" AND review = ?");
            args.add(review.wire());
        }
        where.append(" ORDER BY marked_at, mark_id");
        return select(where.toString(), args.toArray());
    }

    /** A manager's word on a mark; false when there is no such mark. */
    public boolean review(String markId, FeedbackMark.Review review, long at) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("UPDATE feedback SET review = ?, reviewed_at = ? WHERE mark_id = ?")) {
            p.setString(1, review.wire());
            p.setLong(2, at);
            p.setString(3, markId);
            return p.executeUpdate() == 1;
        }
    }

    /**
     * Per category and rule, of the team's calls started in [from, to): nudges shown and how many of them someone
     * marked not pressure (a mark a manager rejected does not count; a nudge marked twice counts once). A null team
     * is every team (a local server without tokens).
     */
    public List<FalseNudgeRate> rates(String team, long from, long to) throws SQLException {
        String sql = "SELECT a.category, a.rule, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM feedback f WHERE f.call_id = a.call_id "
                + "AND f.alert_seq = a.seq AND f.kind = 'not_pressure' AND f.review <> 'rejected') THEN 1 ELSE 0 END) "
                + "FROM alerts a JOIN calls c ON c.call_id = a.call_id WHERE c.started_at >= ? AND c.started_at < ? AND a.nudge = 1 "
                + (team == null ? "" : "AND c.team = ? ") + "GROUP BY a.category, a.rule ORDER BY a.category, a.rule";
        List<FalseNudgeRate> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, from);
            p.setLong(2, to);
            if (team != null) p.setString(3, team);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long nudges = r.getLong(3), wrong = r.getLong(4);
                    out.add(new FalseNudgeRate(Category.valueOf(r.getString(1)), r.getString(2), nudges, wrong, nudges == 0 ? null : (double) wrong / nudges));
                }
            }
        }
        return out;
    }

    private List<FeedbackMark> select(String where, Object... args) throws SQLException {
        List<FeedbackMark> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM feedback" + where)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new FeedbackMark(r.getString(1), r.getString(2), r.getString(3), r.getString(4), FeedbackMark.Kind.ofWire(r.getString(5)),
                            Sql.nullableLong(r, 6), r.getString(7), Category.valueOf(r.getString(8)), r.getString(9), Sql.nullableLong(r, 10),
                            r.getDouble(11), r.getDouble(12), r.getString(13), r.getString(14), r.getString(15),
                            FeedbackMark.Role.ofWire(r.getString(16)), r.getLong(17), FeedbackMark.Review.ofWire(r.getString(18)), Sql.nullableLong(r, 19)));
                }
            }
        }
        return out;
    }
}
