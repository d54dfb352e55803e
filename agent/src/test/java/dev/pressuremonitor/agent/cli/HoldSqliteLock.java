package dev.pressuremonitor.agent.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Another process holding a SQLite database's write lock, as a backup tool or a second program would:
 * {@code HoldSqliteLock FILE} takes the lock, prints "locked", and keeps it until a line arrives on its standard
 * input.
 */
public final class HoldSqliteLock {
    private HoldSqliteLock() {}

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            c.setAutoCommit(false);
            s.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (-1, 'lock', 0)"); // takes the write lock
            System.out.println("locked");
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
            c.rollback();
        }
    }
}
