package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.calls.CallStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.SQLException;

/** Which call database: a team server's PostgreSQL, or SQLite in a folder. */
final class DatabaseOptions {
    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Call database: jdbc:postgresql://HOST/DB?user=U&password=P for a team server (default: SQLite in --data).")
    String db;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder for the SQLite database (default: ~/.pressure-monitor/data).")
    Path data;

    /** What a command does with the open database. */
    interface Work<T> {
        T on(CallStore calls) throws SQLException;
    }

    /**
     * Opens the database, does {@code work} and closes it again. A database that cannot be opened, or a value the
     * store refuses, is the user's to fix: it becomes a {@link UserException} carrying the store's words.
     */
    <T> T use(Work<T> work) throws SQLException {
        try (CallStore calls = CallStore.open(url())) {
            return work.on(calls);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** The folder of this machine's database and caches when no --data is given: ~/.pressure-monitor/data. */
    static Path defaultData() {
        return Path.of(System.getProperty("user.home"), ".pressure-monitor", "data");
    }

    String url() {
        if (db != null) return db;
        Path dir = data != null ? data : defaultData();
        return "jdbc:sqlite:" + dir.resolve("pressure-monitor.db");
    }
}
