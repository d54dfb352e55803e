package dev.pressuremonitor.agent.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which call database: a team server's PostgreSQL, or SQLite in a folder. */
final class DatabaseOptions {
    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Call database: jdbc:postgresql://HOST/DB?user=U&password=P for a team server (default: SQLite in --data).")
    String db;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder for the SQLite database (default: ~/.pressure-monitor/data).")
    Path data;

    String url() {
        if (db != null) return db;
        Path dir = data != null ? data : Path.of(System.getProperty("user.home"), ".pressure-monitor", "data");
        return "jdbc:sqlite:" + dir.resolve("pressure-monitor.db");
    }
}
