package dev.pressuremonitor.agent.stt.model;

import dev.pressuremonitor.agent.stt.ModelException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Downloads a Vosk model archive into the models folder and unpacks it: resumes an interrupted download from
 * where it stopped (HTTP Range), retries a failed attempt after a growing wait, says in plain words why an attempt
 * failed, gives up on a transfer that stalls, and checks size and SHA-256 before trusting the archive.
 */
public final class ModelDownloader {
    /** Waits between attempts; tests pass one that records the wait instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * How often to try and how long to wait in between: {@code first}, doubled after each failure up to {@code max}.
     * An attempt that fetched more of the archive starts the count over.
     */
    public record Retry(int attempts, Duration first, Duration max, Sleeper sleeper) {
        public static Retry standard() {
            return new Retry(4, Duration.ofSeconds(2), Duration.ofSeconds(30), d -> Thread.sleep(d.toMillis()));
        }

        /** The wait after the {@code failures}-th failure in a row (1-based). */
        Duration waitAfter(int failures) {
            Duration d = first;
            for (int i = 1; i < failures && d.compareTo(max) < 0; i++) d = d.multipliedBy(2);
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    private final HttpClient http;
    private final Path modelsDir;
    private final PrintWriter progress;
    private final Retry retry;
    private final Duration idle;
    /** Whether the progress bar was drawn on the current line, which a message must then end first. */
    private boolean midLine;

    public ModelDownloader(HttpClient http, Path modelsDir, PrintWriter progress) {
        this(http, modelsDir, progress, Retry.standard(), Duration.ofSeconds(30));
    }

    /** @param idle how long the server may send nothing (before answering, or mid-transfer) before the attempt fails */
    public ModelDownloader(HttpClient http, Path modelsDir, PrintWriter progress, Retry retry, Duration idle) {
        this.http = http;
        this.modelsDir = modelsDir;
        this.progress = progress;
        this.retry = retry;
        this.idle = idle;
    }

    public static Path defaultModelsDir() {
        String env = System.getenv("PRESSURE_MONITOR_MODELS");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".pressure-monitor", "models");
    }

    /** Downloads (or resumes) and unpacks {@code spec}; returns the model folder. */
    public Path install(ModelSpec spec) throws IOException, InterruptedException {
        Path target = modelsDir.resolve(spec.name());
        if (Files.isDirectory(target)) {
            progress.println(spec.name() + " is already installed in " + target);
            return target;
        }
        Files.createDirectories(modelsDir);
        Path part = modelsDir.resolve(spec.name() + ".zip.part");
        for (int failures = 0; ; ) {
            long before = size(part);
            try {
                fetch(spec, part);
                break;
            } catch (IOException e) {
                long have = size(part);
                failures = have > before ? 1 : failures + 1;
                String why = DownloadFailure.describe(e, spec.url(), http.connectTimeout().orElse(Duration.ZERO), idle);
                endLine();
                if (failures >= retry.attempts()) throw gaveUp(spec, why, have, e);
                Duration wait = retry.waitAfter(failures);
                progress.println("download " + (have > 0 ? "stopped at " + mb(have) : "failed") + ": " + why + "; "
                        + (have > 0 ? "resuming" : "retrying") + " in " + DownloadFailure.seconds(wait)
                        + " (attempt " + (failures + 1) + " of " + retry.attempts() + ")");
                progress.flush();
                retry.sleeper().sleep(wait);
            }
        }
        ModelArchive.verify(spec, part, true);
        ModelArchive.unpack(part, target);
        Files.delete(part);
        progress.println("installed " + spec.name() + " in " + target);
        progress.flush();
        return target;
    }

    private ModelException gaveUp(ModelSpec spec, String why, long have, IOException e) {
        String file = spec.url().getPath().substring(spec.url().getPath().lastIndexOf('/') + 1);
        return new ModelException("could not download " + spec.url() + ": " + why + ". Check the network connection (behind a proxy: java -Dhttps.proxyHost=HOST -Dhttps.proxyPort=PORT -jar ...)"
                + (have > 0 ? "; running the same command again resumes from " + mb(have) : "")
                + "; or download " + spec.url() + " on a machine that can reach it and run 'pressure-monitor model install "
                + (file.isEmpty() ? "FILE.zip" : file) + "'", e);
    }

    private static long size(Path p) throws IOException {
        return Files.exists(p) ? Files.size(p) : 0;
    }

    private void fetch(ModelSpec spec, Path part) throws IOException, InterruptedException {
        long have = size(part);
        if (spec.size() > 0 && have == spec.size()) return;
        if (spec.size() > 0 && have > spec.size()) {
            Files.delete(part);
            have = 0;
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(spec.url()).timeout(idle).GET();
        if (have > 0) req.header("Range", "bytes=" + have + "-");
        HttpResponse<InputStream> res = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        boolean append;
        if (res.statusCode() == 206) {
            append = true;
        } else if (res.statusCode() == 200) {
            append = false; // the server ignored the range: start over
            have = 0;
        } else if (res.statusCode() == 416 && have > 0) {
            res.body().close();
            return; // nothing left to fetch
        } else {
            res.body().close();
            throw new ModelException("the model server answered HTTP " + res.statusCode() + " for " + spec.url()
                    + ": check the model name with 'pressure-monitor model list' or pass --url");
        }
        long total = spec.size() > 0 ? spec.size() : res.headers().firstValueAsLong("Content-Length").orElse(-1) + have;
        long done = have;
        try (InputStream in = res.body();
             Watchdog dog = new Watchdog(in, idle);
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[64 * 1024];
            long lastShown = -1;
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    dog.fed();
                    out.write(buf, 0, n);
                    done += n;
                    long shown = total > 0 ? done * 40 / total : done >> 20;
                    if (shown != lastShown) {
                        bar(done, total);
                        lastShown = shown;
                    }
                }
            } catch (IOException e) {
                throw stopped(spec, dog, done, total, e);
            }
            if (dog.barked()) throw stopped(spec, dog, done, total, null);
            bar(done, total);
            endLine();
        }
    }

    private DownloadFailure.Stopped stopped(ModelSpec spec, Watchdog dog, long done, long total, IOException e) {
        String host = spec.url().getHost();
        String at = " after " + mb(done) + (total > 0 ? " of " + mb(total) : "");
        return new DownloadFailure.Stopped(dog.barked()
                ? "the transfer stalled: no data from " + host + " for " + DownloadFailure.seconds(idle) + at
                : host + " closed the connection" + at, e);
    }

    /** Closes the response stream when no data arrived for {@code idle}, which ends a blocked read. */
    private static final class Watchdog implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        private volatile long lastFed = System.nanoTime();
        private volatile boolean barked;

        Watchdog(InputStream in, Duration idle) {
            long idleNanos = idle.toNanos();
            long every = Math.max(10, idle.toMillis() / 4);
            timer.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastFed < idleNanos) return;
                barked = true;
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the reader sees the stream end either way
                }
                timer.shutdown();
            }, every, every, TimeUnit.MILLISECONDS);
        }

        void fed() {
            lastFed = System.nanoTime();
        }

        boolean barked() {
            return barked;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    private void endLine() {
        if (midLine) progress.println();
        midLine = false;
    }

    private void bar(long done, long total) {
        midLine = true;
        if (total > 0) {
            int filled = (int) Math.min(40, done * 40 / total);
            progress.printf(Locale.ROOT, "\r[%s%s] %3d%% %s of %s", "#".repeat(filled), ".".repeat(40 - filled), done * 100 / total, mb(done), mb(total));
        } else {
            progress.printf(Locale.ROOT, "\r%s", mb(done));
        }
        progress.flush();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
