package dev.pressuremonitor.server.calls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the ordered SQL files in db/migration (listed in index.txt) that a database has not seen yet, each in
 * its own transaction, recording them in schema_version. The same files serve SQLite and PostgreSQL.
 */
public final class Migrations {
    private static final String DIR = "db/migration/";

    private Migrations() {}

    /** Any number, the same in every server: the PostgreSQL advisory lock that lets one server migrate at a time. */
    static final long LOCK = 0x504d_5343_4845_4d41L;

    /**
     * @return how many migrations were applied now. On PostgreSQL, servers started together on one database take
     * turns: the first applies what is missing, the others then find nothing to do.
     */
    public static int apply(Connection c) throws SQLException {
        boolean shared = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        if (!shared) return applyAlone(c);
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = 0"); // another server's migrations may take longer than a write may wait
            s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
        }
        try {
            return applyAlone(c);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
                s.execute("SET lock_timeout = '" + Database.LOCK_TIMEOUT_MS + "ms'");
            }
        }
    }

    private static int applyAlone(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        }
        int current = 0;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            if (r.next()) current = r.getInt(1);
        }
        int applied = 0;
        List<String> files = index();
        for (int i = 0; i < files.size(); i++) {
            int version = i + 1;
            if (version <= current) continue;
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements(read(files.get(i)))) s.execute(sql);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, files.get(i));
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                c.commit();
                applied++;
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("migration " + files.get(i) + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(auto);
            }
        }
        if (current > files.size()) {
            throw new SQLException("the database is at schema version " + current + " but this Pressure Monitor knows " + files.size()
                    + ": use the newer Pressure Monitor that wrote it, or another --db");
        }
        return applied;
    }

    static List<String> index() {
        List<String> out = new ArrayList<>();
        for (String line : read("index.txt").split("\n")) if (!line.isBlank()) out.add(line.trim());
        return out;
    }

    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) continue;
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                out.add(cur.toString().strip().replaceAll(";$", ""));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) throw new IllegalStateException(DIR + name + " is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
