package dev.pressuremonitor.server.calls;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The connection pool to the calls database, with its schema brought up to date: SQLite (a file, WAL mode) for
 * one rep, PostgreSQL for a team. Opening errors say what to check.
 */
final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final boolean sqlite;
    private final Path deleteOnClose;

    private Database(HikariDataSource pool, boolean sqlite, Path deleteOnClose) {
        this.pool = pool;
        this.sqlite = sqlite;
        this.deleteOnClose = deleteOnClose;
    }

    /** {@code jdbc:sqlite:/path/file.db} or {@code jdbc:postgresql://host/db?user=..}; {@code deleteOnClose} for a throwaway file. */
    static Database open(String url, Path deleteOnClose) {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        if (!sqlite && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db must be jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB?user=..., was " + url);
        }
        if (sqlite) {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()));
            try {
                if (file.getParent() != null) Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create the data folder " + file.getParent() + ": " + e.getMessage(), e);
            }
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setPoolName("calls");
        cfg.setMaximumPoolSize(sqlite ? 4 : 8);
        cfg.setMinimumIdle(1);
        cfg.setInitializationFailTimeout(10_000);
        if (sqlite) cfg.setConnectionInitSql("PRAGMA busy_timeout = 5000");
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(cfg);
            try (Connection c = pool.getConnection()) {
                if (sqlite) {
                    try (var s = c.createStatement()) {
                        s.execute("PRAGMA journal_mode = WAL");
                        s.execute("PRAGMA synchronous = NORMAL");
                    }
                }
                int applied = Migrations.apply(c);
                if (applied > 0) log.info("applied {} schema migration(s)", applied);
            }
            return new Database(pool, sqlite, deleteOnClose);
        } catch (SQLException | RuntimeException e) {
            if (pool != null) pool.close();
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException("cannot open the database " + redact(url) + " (" + why + "): check --db, the server and its credentials", e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Takes a connection whose state is in doubt out of the pool for good. */
    void evict(Connection c) {
        pool.evictConnection(c);
    }

    boolean isSqlite() {
        return sqlite;
    }

    @Override
    public void close() {
        pool.close();
        if (deleteOnClose != null) {
            for (String suffix : List.of("", "-wal", "-shm")) {
                try {
                    Files.deleteIfExists(Path.of(deleteOnClose + suffix));
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
