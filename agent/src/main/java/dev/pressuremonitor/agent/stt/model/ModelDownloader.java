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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Downloads a Vosk model archive into the models folder and unpacks it: resumes an interrupted download from
 * where it stopped (HTTP Range), retries a broken transfer a few times, checks size and SHA-256 before trusting
 * the archive, and refuses archive entries that would land outside the target folder.
 */
public final class ModelDownloader {
    static final int ATTEMPTS = 3;

    private final HttpClient http;
    private final Path modelsDir;
    private final PrintWriter progress;

    public ModelDownloader(HttpClient http, Path modelsDir, PrintWriter progress) {
        this.http = http;
        this.modelsDir = modelsDir;
        this.progress = progress;
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
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                fetch(spec, part);
                last = null;
                break;
            } catch (IOException e) {
                last = e;
                long have = Files.exists(part) ? Files.size(part) : 0;
                progress.println();
                progress.println("download interrupted at " + mb(have) + (attempt < ATTEMPTS ? ": resuming" : "") + " (" + e.getMessage() + ")");
                if (attempt < ATTEMPTS) Thread.sleep(200L * attempt);
            }
        }
        if (last != null) {
            throw new ModelException("could not download " + spec.url() + " (" + last.getMessage() + "): run the same command again to resume from "
                    + mb(Files.exists(part) ? Files.size(part) : 0), last);
        }
        verify(spec, part);
        unpack(part, target);
        Files.delete(part);
        progress.println("installed " + spec.name() + " in " + target);
        progress.flush();
        return target;
    }

    private void fetch(ModelSpec spec, Path part) throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (spec.size() > 0 && have == spec.size()) return;
        if (spec.size() > 0 && have > spec.size()) {
            Files.delete(part);
            have = 0;
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(spec.url()).timeout(Duration.ofMinutes(30)).GET();
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
        try (InputStream in = res.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[64 * 1024];
            long done = have, lastShown = -1;
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                done += n;
                long shown = total > 0 ? done * 40 / total : done >> 20;
                if (shown != lastShown) {
                    bar(done, total);
                    lastShown = shown;
                }
            }
            bar(done, total);
            progress.println();
        }
    }

    private void bar(long done, long total) {
        if (total > 0) {
            int filled = (int) Math.min(40, done * 40 / total);
            progress.printf(Locale.ROOT, "\r[%s%s] %3d%% %s of %s", "#".repeat(filled), ".".repeat(40 - filled), done * 100 / total, mb(done), mb(total));
        } else {
            progress.printf(Locale.ROOT, "\r%s", mb(done));
        }
        progress.flush();
    }

    static void verify(ModelSpec spec, Path part) throws IOException {
        long size = Files.size(part);
        if (spec.size() > 0 && size != spec.size()) {
            Files.delete(part);
            throw new ModelException("the downloaded archive has " + size + " bytes, expected " + spec.size()
                    + ": it is truncated or not the expected file; it was deleted, run the command again");
        }
        if (spec.sha256() != null) {
            String actual = sha256(part);
            if (!actual.equalsIgnoreCase(spec.sha256())) {
                Files.delete(part);
                throw new ModelException("the downloaded archive's SHA-256 is " + actual + ", expected " + spec.sha256()
                        + ": it is corrupt or has been replaced; it was deleted. If you trust the new archive, pass --sha256 " + actual);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unpacks into a scratch folder next to the target, then moves the model into place, so a failed unpack
     * never leaves a half model where the agent would look for one.
     */
    static void unpack(Path zip, Path target) throws IOException {
        Path scratch = target.resolveSibling("." + target.getFileName() + ".unpacking");
        deleteTree(scratch);
        Files.createDirectories(scratch);
        Path root = scratch.toRealPath();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path dest = root.resolve(e.getName()).normalize();
                if (e.getName().startsWith("/") || e.getName().contains("\\") || !dest.startsWith(root)) {
                    throw new ModelException("refusing to unpack '" + e.getName() + "': the path escapes the target folder; the archive is not a genuine model");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(scratch);
            if (e instanceof java.util.zip.ZipException z) throw new ModelException("the archive is not a valid zip (" + z.getMessage() + "): run the command again", z);
            throw e;
        }
        Path model = root;
        try (Stream<Path> children = Files.list(root)) {
            var list = children.toList();
            if (list.size() == 1 && Files.isDirectory(list.get(0))) model = list.get(0);
        }
        try {
            dev.pressuremonitor.agent.stt.VoskEngine.checkLooksLikeAModel(model);
        } catch (ModelException e) {
            deleteTree(scratch);
            throw new ModelException("the archive unpacked, but " + e.getMessage(), e);
        }
        Files.move(model, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(scratch);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
