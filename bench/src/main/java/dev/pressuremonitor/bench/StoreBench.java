package dev.pressuremonitor.bench;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.calls.CallStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Summary build time and {@code /api/team} latency with N stored calls (default 10,000: 50 reps in 5 teams over
 * 60 days, 12 events each), on SQLite and, when a URL is given, PostgreSQL, in the same run.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.StoreBench [calls] [jdbc:postgresql://...]</pre>
 */
public final class StoreBench {
    static final long DAY = 86_400_000L;
    static final Reframe R = new Reframe("never-chase", "Never chase; get to the truth about fit.", "What changed?");

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        System.out.println("| database | calls | load s | summary build p50 ms | p99 ms | /api/team (7 days) p50 ms | p99 ms | /api/team (60 days) p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Path dir = Files.createTempDirectory("pm-storebench");
        run("SQLite (WAL)", "jdbc:sqlite:" + dir.resolve("bench.db"), calls);
        if (args.length > 1) run("PostgreSQL 15", args[1], calls);
    }

    static void run(String name, String url, int calls) throws Exception {
        long now = System.currentTimeMillis();
        String prefix = "bench-" + Long.toString(now, 36) + "-";
        long t0 = System.nanoTime();
        try (CallStore store = CallStore.open(url)) {
            Random rnd = new Random(42);
            List<CompletableFuture<CallStore.Stored>> pending = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String id = prefix + i;
                long started = now - (long) (rnd.nextDouble() * 60 * DAY);
                List<Event> events = new ArrayList<>();
                events.add(new CallStarted("rep-" + (i % 50), "team-" + (i % 5), started, true));
                for (int k = 0; k < 8; k++) {
                    events.add(new MetricsSnapshot(30 * (k + 1), 0.3 + rnd.nextDouble() * 0.5, 10, 60, 20, 140, k, k / 2, 0, null, rnd.nextInt(100), List.of()));
                    if (k % 3 == 0) {
                        Category c = Category.pressure().get(rnd.nextInt(6));
                        events.add(new Alert(c, c.name().toLowerCase() + ".x", "some words", Severity.MEDIUM, Speaker.REP, 30 * k + 5, 30 * k + 6, true, R));
                    }
                }
                events.add(new CallEnded(270, "hangup"));
                long seq = 1;
                for (Event e : events) {
                    Envelope env = new Envelope(id, seq++, started, e);
                    pending.add(store.append(env));
                }
                if (pending.size() > 20_000) {
                    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                    pending.clear();
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            // the writer summarises each ended call after its batch commits: wait until the last has one
            while (store.list(new dev.pressuremonitor.server.calls.CallFilter(null, null, null, null, 1)).isEmpty()
                    || store.summary(prefix + (calls - 1)).map(s -> !s.ended()).orElse(true)) Thread.sleep(50);
            double load = (System.nanoTime() - t0) / 1e9;

            Random pick = new Random(7);
            long[] summary = new long[300];
            for (int i = 0; i < summary.length; i++) {
                String id = prefix + pick.nextInt(calls);
                long s = System.nanoTime();
                store.summarize(id);
                summary[i] = System.nanoTime() - s;
            }
            store.close();
            try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0).withDb(url))) {
                HttpClient http = HttpClient.newHttpClient();
                long[] week = time(http, server.port(), "/api/team?from=" + (now - 7 * DAY) + "&to=" + now, 100);
                long[] all = time(http, server.port(), "/api/team?from=" + (now - 60 * DAY) + "&to=" + now, 100);
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", name, calls, load,
                        pct(summary, 50), pct(summary, 99), pct(week, 50), pct(week, 99), pct(all, 50), pct(all, 99));
            }
        }
    }

    static long[] time(HttpClient http, int port, String path, int n) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
        for (int i = 0; i < 10; i++) check(http.send(req, HttpResponse.BodyHandlers.ofString()));
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            check(http.send(req, HttpResponse.BodyHandlers.ofString()));
            out[i] = System.nanoTime() - s;
        }
        return out;
    }

    static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + ": " + r.body());
    }

    static double pct(long[] v, double p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100 * s.length) - 1)] / 1e6;
    }
}
