package dev.pressuremonitor.bench;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.server.calls.CallStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * What acknowledging only durable events costs: the store's real write path (the batching writer thread, an event's
 * future completing once its batch is committed) on SQLite with synchronous=FULL (the default) and NORMAL, in one
 * run, on files in one folder of the same disk; PostgreSQL as configured when a URL is given.
 * <ul>
 *   <li>one agent waiting for each acknowledgement before the next event: every event is a commit of its own;</li>
 *   <li>many agents at once: events queued without waiting, committed in batches of up to 500.</li>
 * </ul>
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.DurabilityBench [one-by-one] [queued] [folder, or - for no SQLite] [jdbc:postgresql://...]</pre>
 */
public final class DurabilityBench {
    public static void main(String[] args) throws Exception {
        int single = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int queued = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        boolean sqlite = args.length <= 2 || !args[2].equals("-");
        System.out.println("| database | synchronous | one by one: events/s | ack p50 ms | ack p99 ms | queued: events/s |");
        System.out.println("|---|---|---|---|---|---|");
        if (sqlite) {
            Path dir = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir")), "pm-durability");
            for (int round = 0; round < 2; round++) { // FULL and NORMAL twice, interleaved, so that a burst of load elsewhere hits both
                run("SQLite (WAL)", "jdbc:sqlite:" + dir.resolve("full-" + round + ".db"), single, queued);
                run("SQLite (WAL)", "jdbc:sqlite:" + dir.resolve("normal-" + round + ".db") + "?synchronous=NORMAL", single, queued);
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (args.length > 3) run("PostgreSQL", args[3], single, queued);
    }

    static void run(String name, String url, int single, int queued) throws Exception {
        String prefix = "dur-" + Long.toString(System.nanoTime(), 36) + "-";
        try (CallStore store = CallStore.open(url)) {
            String setting = synchronous(url);
            // one agent, one event at a time
            String one = prefix + "one";
            append(store, new Envelope(one, 1, 0, new CallStarted("rep", "team", System.currentTimeMillis(), true))).join();
            long[] ack = new long[single];
            long t0 = System.nanoTime();
            for (int i = 0; i < single; i++) {
                long s = System.nanoTime();
                append(store, new Envelope(one, i + 2, i, metrics(i))).join();
                ack[i] = System.nanoTime() - s;
            }
            double oneBy = single / ((System.nanoTime() - t0) / 1e9);

            // many agents: 100 calls, events queued without waiting
            List<CompletableFuture<CallStore.Stored>> pending = new ArrayList<>(queued + 100);
            for (int c = 0; c < 100; c++) {
                pending.add(append(store, new Envelope(prefix + c, 1, 0, new CallStarted("rep-" + c, "team", System.currentTimeMillis(), true))));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            pending.clear();
            long t1 = System.nanoTime();
            for (int i = 0; i < queued; i++) pending.add(append(store, new Envelope(prefix + (i % 100), i / 100 + 2, i, metrics(i))));
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            double many = queued / ((System.nanoTime() - t1) / 1e9);
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.2f | %.0f |%n", name, setting, oneBy,
                    StoreBench.pct(ack, 50), StoreBench.pct(ack, 99), many);
        }
    }

    static CompletableFuture<CallStore.Stored> append(CallStore store, Envelope e) {
        return store.append(e);
    }

    static MetricsSnapshot metrics(int i) {
        return new MetricsSnapshot(i % 86_000, 0.5, 10, 60, 20, 140, 1, 0, 0, null, i % 100, List.of());
    }

    /** SQLite: as the URL asks (DatabaseFileTest checks every pooled connection gets it); PostgreSQL: as the server reports it. */
    static String synchronous(String url) throws Exception {
        if (url.startsWith("jdbc:sqlite:")) return url.contains("synchronous=NORMAL") ? "NORMAL" : "FULL (default)";
        try (Connection c = DriverManager.getConnection(url); var s = c.createStatement(); ResultSet r = s.executeQuery("SHOW synchronous_commit")) {
            r.next();
            return "synchronous_commit=" + r.getString(1);
        }
    }
}
