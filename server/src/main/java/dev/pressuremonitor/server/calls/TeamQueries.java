package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.TeamReport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The team report: per rep and in total, over a period and against the period before it. */
final class TeamQueries {
    private final Database db;

    TeamQueries(Database db) {
        this.db = db;
    }

    /** Per rep over [from, to), against the period of the same length before it; only ended calls count. */
    TeamReport team(String team, long from, long to) throws SQLException {
        long prevFrom = from - (to - from);
        Map<String, TeamReport.RepStats> current = repStats(team, from, to);
        Map<String, TeamReport.RepStats> previous = repStats(team, prevFrom, from);
        List<TeamReport.RepStats> reps = new ArrayList<>();
        for (var e : current.entrySet()) {
            TeamReport.RepStats now = e.getValue(), before = previous.get(e.getKey());
            Double trend = before == null || before.avgPressureScore() == null || now.avgPressureScore() == null ? null
                    : now.avgPressureScore() - before.avgPressureScore();
            reps.add(new TeamReport.RepStats(now.rep(), now.team(), now.calls(), now.avgPressureScore(), now.avgTalkShare(), now.alertsPerCall(),
                    before == null ? 0 : before.calls(), before == null ? null : before.avgPressureScore(), trend));
        }
        TeamReport.RepStats total = totals(team, from, to, prevFrom);
        return new TeamReport(from, to, team, reps, total);
    }

    private Map<String, TeamReport.RepStats> repStats(String team, long from, long to) throws SQLException {
        Map<String, TeamReport.RepStats> out = new LinkedHashMap<>();
        Map<String, Map<Category, Integer>> alertCounts = new LinkedHashMap<>();
        String teamClause = team == null ? "" : " AND c.team = ?";
        try (Connection c = db.connection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT a.category, c.rep, COUNT(*) FROM alerts a JOIN calls c ON a.call_id = c.call_id "
                    + "WHERE c.ended_at IS NOT NULL AND c.started_at >= ? AND c.started_at < ?" + teamClause + " GROUP BY a.category, c.rep")) {
                p.setLong(1, from);
                p.setLong(2, to);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        alertCounts.computeIfAbsent(r.getString(2), k -> new EnumMap<>(Category.class)).put(Category.valueOf(r.getString(1)), r.getInt(3));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT c.rep, MIN(c.team), COUNT(*), AVG(c.pressure_score), AVG(c.talk_share) FROM calls c "
                    + "WHERE c.ended_at IS NOT NULL AND c.started_at >= ? AND c.started_at < ?" + teamClause + " GROUP BY c.rep ORDER BY c.rep")) {
                p.setLong(1, from);
                p.setLong(2, to);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String rep = r.getString(1);
                        int calls = r.getInt(3);
                        out.put(rep, new TeamReport.RepStats(rep, r.getString(2), calls, Sql.nullableDouble(r, 4), Sql.nullableDouble(r, 5),
                                rates(alertCounts.getOrDefault(rep, Map.of()), calls), 0, null, null));
                    }
                }
            }
        }
        return out;
    }

    private TeamReport.RepStats totals(String team, long from, long to, long prevFrom) throws SQLException {
        String teamClause = team == null ? "" : " AND team = ?";
        int calls = 0, prevCalls = 0;
        Double avg = null, share = null, prevAvg = null;
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        try (Connection c = db.connection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), AVG(pressure_score), AVG(talk_share) FROM calls WHERE ended_at IS NOT NULL AND started_at >= ? AND started_at < ?" + teamClause)) {
                p.setLong(1, from);
                p.setLong(2, to);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    calls = r.getInt(1);
                    avg = Sql.nullableDouble(r, 2);
                    share = Sql.nullableDouble(r, 3);
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), AVG(pressure_score) FROM calls WHERE ended_at IS NOT NULL AND started_at >= ? AND started_at < ?" + teamClause)) {
                p.setLong(1, prevFrom);
                p.setLong(2, from);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    prevCalls = r.getInt(1);
                    prevAvg = Sql.nullableDouble(r, 2);
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT a.category, COUNT(*) FROM alerts a JOIN calls c ON a.call_id = c.call_id "
                    + "WHERE c.ended_at IS NOT NULL AND c.started_at >= ? AND c.started_at < ?" + (team == null ? "" : " AND c.team = ?") + " GROUP BY a.category")) {
                p.setLong(1, from);
                p.setLong(2, to);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) counts.put(Category.valueOf(r.getString(1)), r.getInt(2));
                }
            }
        }
        Double trend = avg == null || prevAvg == null ? null : avg - prevAvg;
        return new TeamReport.RepStats("(all)", team == null ? "(all)" : team, calls, avg, share, rates(counts, calls), prevCalls, prevAvg, trend);
    }

    private static List<TeamReport.CategoryRate> rates(Map<Category, Integer> counts, int calls) {
        return Category.pressure().stream().map(c -> new TeamReport.CategoryRate(c, calls == 0 ? 0 : counts.getOrDefault(c, 0) / (double) calls)).toList();
    }
}
