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

    /** How long a statement waits for a lock before it fails (SQLite: busy_timeout; PostgreSQL: lock_timeout). */
    static final long LOCK_TIMEOUT_MS = 5_000;

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
        if (!sqlite && url.toLowerCase(java.util.Locale.ROOT).matches(".*[?&]rewritebatchedinserts=(true|on|yes|1)(&.*)?")) {
            // the writer learns from each row's update count whether its event was new or a resend: a rewritten
            // batch reports none, so nothing could be acknowledged
            throw new IllegalArgumentException("--db: reWriteBatchedInserts hides which events were new from the server: remove it from the URL");
        }
        if (sqlite) prepareFile(sqliteFile(url), deleteOnClose != null);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setPoolName("calls");
        cfg.setMaximumPoolSize(sqlite ? 4 : 8);
        cfg.setMinimumIdle(1);
        cfg.setInitializationFailTimeout(10_000);
        if (sqlite) {
            cfg.addDataSourceProperty("busy_timeout", String.valueOf(LOCK_TIMEOUT_MS));
            cfg.setConnectionInitSql("PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
            // per connection, every connection: a commit is on disk before it returns, so an acknowledged event
            // survives a power loss too, not only a crash of the process; unless the URL says otherwise
            // (jdbc:sqlite:FILE?synchronous=NORMAL: faster, and safe against crashes but not power loss)
            if (!url.contains("synchronous=")) cfg.addDataSourceProperty("synchronous", "FULL");
            // nothing reads generated keys: without this the driver runs "SELECT last_insert_rowid()" as a statement
            // of its own after every insert, on the writer thread, which doubles the statements each event costs
            cfg.addDataSourceProperty("jdbc.get_generated_keys", "false");
        } else {
            // as SQLite's busy_timeout: a write that waits this long for a lock (an administrator's LOCK TABLE, a
            // long transaction elsewhere) fails, so the agent is told to resend and /healthz says why, instead of
            // every acknowledgement waiting for as long as the lock is held
            cfg.setConnectionInitSql("SET lock_timeout = '" + LOCK_TIMEOUT_MS + "ms'");
        }
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(cfg);
            try (Connection c = pool.getConnection()) {
                if (sqlite) {
                    // SQLite has just made a new file with the default mode: private before anything is written,
                    // and before the -wal file, which takes the database file's mode
                    restrictFiles(sqliteFile(url));
                    try (var s = c.createStatement()) {
                        s.execute("PRAGMA journal_mode = WAL");
                    }
                }
                int applied = Migrations.apply(c);
                if (applied > 0) log.info("applied {} schema migration(s)", applied);
            }
            return new Database(pool, sqlite, deleteOnClose);
        } catch (SQLException | IOException | RuntimeException e) {
            if (pool != null) pool.close();
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException("cannot open the database " + redact(url) + " (" + why + "): check --db, the server and its credentials", e);
        }
    }

    /**
     * SQLite copies the write-ahead log back into the database file once it holds this many pages (4 KB each; SQLite's
     * default is 1,000). A busy server's commit rewrites the index pages of every call in progress (a thousand calls:
     * a thousand or more pages), so at the default nearly every commit ended in a checkpoint that read each page back
     * from the log and wrote it again: at 8,000 events/s about a third of the writer's system calls. Ten times as many
     * pages between checkpoints copy a page rewritten by several commits once: pwrite -18 to -21% and pread -32 to -38%
     * per event (three pairs, BENCHMARKS.md). The log file then stays at up to 40 MB, and a restart after a crash
     * reads up to that much back.
     */
    static final int WAL_CHECKPOINT_PAGES = 10_000;

    /** The file of a jdbc:sqlite: URL, without the settings that may follow it ("?synchronous=NORMAL"). */
    private static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        return Path.of(q < 0 ? rest : rest.substring(0, q));
    }

    /**
     * The SQLite file holds people's calls and the team's token hashes: its folder is made private (0700) and the
     * file itself (0600, which SQLite passes on to its -wal and -shm files). An existing empty file is refused, not
     * silently made a new database: it is most likely a database that was lost or truncated.
     */
    private static void prepareFile(Path file, boolean throwaway) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                restrict(dir, "rwx------");
            }
            if (Files.exists(file) && Files.size(file) == 0 && !throwaway) {
                throw new IllegalArgumentException("the database file " + file + " is empty (0 bytes), so it holds no calls and no tokens: "
                        + "if it was lost, restore it from a backup; to start a new database, delete the empty file or choose another --db/--data");
            }
            restrictFiles(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot prepare the database file " + file + ": " + e.getMessage()
                    + " (check the folder exists and is writable, or choose another --db/--data)", e);
        }
    }

    /** The database file and its -wal and -shm files, those that exist, readable by their owner only. */
    private static void restrictFiles(Path file) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path f = Path.of(file + suffix);
            if (Files.exists(f)) restrict(f, "rw-------");
        }
    }

    private static void restrict(Path p, String perms) throws IOException {
        if (!Files.getFileStore(p).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) return;
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(perms));
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
