package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.ServerConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the server keeps calls, for how long, and what its metrics name. */
final class StoreOptions {
    @Mixin
    DatabaseOptions database;

    @Option(names = "--retention-days", paramLabel = "N", defaultValue = "0",
            description = "Delete ended calls older than N days (default: 0, keep everything).")
    int retentionDays;

    @Option(names = "--metrics-per-rep", description = "Tag alert metrics with the rep's name (capped at 500 reps; off by default).")
    boolean metricsPerRep;

    ServerConfig apply(ServerConfig base) {
        if (retentionDays < 0) throw new UserException("--retention-days must be 0 (keep) or more, was " + retentionDays);
        return base.withDb(database.url()).withRetentionDays(retentionDays).withMetricsPerRep(metricsPerRep);
    }
}
