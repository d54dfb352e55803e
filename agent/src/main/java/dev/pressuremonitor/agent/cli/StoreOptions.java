package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.ServerConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the server keeps calls, and for how long. */
final class StoreOptions {
    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Call database: jdbc:postgresql://HOST/DB?user=U&password=P for a team server (default: SQLite in --data).")
    String db;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder for the SQLite database (default: ~/.pressure-monitor/data).")
    Path data;

    @Option(names = "--retention-days", paramLabel = "N", defaultValue = "0",
            description = "Delete ended calls older than N days (default: 0, keep everything).")
    int retentionDays;

    @Option(names = "--metrics-per-rep", description = "Tag alert metrics with the rep's name (capped at 500 reps; off by default).")
    boolean metricsPerRep;

    ServerConfig apply(ServerConfig base) {
        if (retentionDays < 0) throw new UserException("--retention-days must be 0 (keep) or more, was " + retentionDays);
        String url = db;
        if (url == null) {
            Path dir = data != null ? data : Path.of(System.getProperty("user.home"), ".pressure-monitor", "data");
            url = "jdbc:sqlite:" + dir.resolve("pressure-monitor.db");
        }
        return base.withDb(url).withRetentionDays(retentionDays).withMetricsPerRep(metricsPerRep);
    }
}
