package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.access.Tokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Access tokens in the calls database: only each token's hash is kept. */
final class TokenTable {
    private final Database db;

    TokenTable(Database db) {
        this.db = db;
    }

    /** Stores a new token's hash for {@code kind}, {@code rep} and {@code team}; returns the token, which is not kept. */
    String createToken(Principal.Kind kind, String rep, String team) throws SQLException {
        String token = Tokens.newToken();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("INSERT INTO tokens (hash, kind, rep, team, created_at) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, Tokens.hash(token));
            p.setString(2, kind.name());
            p.setString(3, rep);
            p.setString(4, team);
            p.setLong(5, System.currentTimeMillis());
            p.executeUpdate();
        }
        return token;
    }

    /**
     * The teams other than {@code team} that already know a rep called {@code rep}, from their tokens and calls,
     * sorted: the same name there is another person.
     */
    java.util.SortedSet<String> otherTeamsOf(String rep, String team) throws SQLException {
        java.util.SortedSet<String> teams = new java.util.TreeSet<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT team FROM tokens WHERE rep = ? AND team <> ? UNION SELECT team FROM calls WHERE rep = ? AND team <> ?")) {
            p.setString(1, rep);
            p.setString(2, team);
            p.setString(3, rep);
            p.setString(4, team);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) teams.add(r.getString(1));
            }
        }
        return teams;
    }

    Optional<Principal> findToken(String hash) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT kind, rep, team FROM tokens WHERE hash = ?")) {
            p.setString(1, hash);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                return Optional.of(new Principal(
                        Principal.Kind.valueOf(r.getString(1)), r.getString(2), r.getString(3)));
            }
        }
    }
}
