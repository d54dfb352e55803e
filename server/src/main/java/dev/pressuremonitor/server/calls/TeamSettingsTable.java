package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.TeamModelFile;
import dev.pressuremonitor.models.TeamSettings;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A team's refitted learned models (table {@code team_models}) and per-rule settings ({@code team_rules}). */
public final class TeamSettingsTable {
    /** A file the server will not store, and why, in words that say what to do. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** The model in use by a team: the last one pushed. */
    public record ActiveModel(String team, String sha256, long createdAt, long pushedAt, byte[] body) {}

    private final Database db;

    TeamSettingsTable(Database db) {
        this.db = db;
    }

    /**
     * Checks and stores a team model file as the model the team's agents use from their next start: its checksum
     * must match its content, {@code train} must have accepted it, and it must be for {@code team}.
     */
    public TeamModelFile pushModel(String team, byte[] file, long now) throws SQLException, Refused {
        TeamModelFile f;
        try {
            f = TeamModelFile.read(file);
        } catch (DecodeException e) {
            throw new Refused("not stored: " + e.getMessage());
        }
        if (!f.accepted()) {
            throw new Refused("not stored: 'train' refused this refit (it lowered precision, see the comparison in the file);"
                    + " the team keeps the model in use. Look at the marks, mark more calls, and train again");
        }
        if (!f.team().equals(team)) {
            throw new Refused("not stored: this model was refitted for team '" + f.team() + "', not '" + team
                    + "'; a team's agents only ever get a model made from that team's marks");
        }
        String sql = "INSERT INTO team_models (team, sha256, created_at, pushed_at, body) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (team, sha256) DO UPDATE SET pushed_at = excluded.pushed_at";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, team);
            p.setString(2, f.sha256());
            p.setLong(3, f.createdAt().toEpochMilli());
            p.setLong(4, now);
            p.setString(5, new String(file, StandardCharsets.UTF_8));
            p.executeUpdate();
        }
        return f;
    }

    public Optional<ActiveModel> activeModel(String team) throws SQLException {
        String sql = "SELECT sha256, created_at, pushed_at, body FROM team_models WHERE team = ? ORDER BY pushed_at DESC, sha256 LIMIT 1";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, team);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                return Optional.of(new ActiveModel(team, r.getString(1), r.getLong(2), r.getLong(3), r.getString(4).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** Sets a rule for the team: {@code off}, {@code down}, or {@code on} (back to the usual, the row removed). */
    public void setRule(String team, String rule, String setting, String by, long now) throws SQLException {
        TeamSettings.checkRule(rule);
        if (setting.equals(TeamSettings.ON)) {
            try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("DELETE FROM team_rules WHERE team = ? AND rule = ?")) {
                p.setString(1, team);
                p.setString(2, rule);
                p.executeUpdate();
            }
            return;
        }
        if (!setting.equals(TeamSettings.OFF) && !setting.equals(TeamSettings.DOWN)) {
            throw new IllegalArgumentException("setting must be 'off', 'down' or 'on', was '" + setting + "'");
        }
        String sql = "INSERT INTO team_rules (team, rule, setting, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (team, rule) DO UPDATE SET setting = excluded.setting, changed_by = excluded.changed_by, changed_at = excluded.changed_at";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, team);
            p.setString(2, rule);
            p.setString(3, setting);
            p.setString(4, by);
            p.setLong(5, now);
            p.executeUpdate();
        }
    }

    /** The team's rule settings, by rule id. */
    public Map<String, String> rules(String team) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT rule, setting FROM team_rules WHERE team = ? ORDER BY rule")) {
            p.setString(1, team);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.put(r.getString(1), r.getString(2));
            }
        }
        return out;
    }

    /** What the team's agents are told: rule settings and the model in use. */
    public TeamSettings settings(String team) throws SQLException {
        return TeamSettings.of(team, rules(team), activeModel(team).map(ActiveModel::sha256).orElse(null));
    }
}
