package dev.pressuremonitor.agent.stt.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pressuremonitor.agent.stt.ModelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The downloader against a local HTTP server serving archives this test builds. */
class ModelDownloaderTest {
    @TempDir
    Path models;
    HttpServer server;
    final List<String> ranges = new ArrayList<>();
    final StringWriter progress = new StringWriter();
    final List<Duration> waits = new ArrayList<>();

    /** How the server behaves for one request number (1-based). */
    interface Behaviour {
        void serve(HttpExchange ex, int request, byte[] body) throws IOException;
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI serve(String path, byte[] body, Behaviour behaviour) {
        AtomicInteger n = new AtomicInteger();
        server.createContext(path, ex -> {
            synchronized (ranges) {
                ranges.add(String.valueOf(ex.getRequestHeaders().getFirst("Range")));
            }
            try {
                behaviour.serve(ex, n.incrementAndGet(), body);
            } finally {
                ex.close();
            }
        });
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Full body, or the requested range with 206. */
    static void honest(HttpExchange ex, int request, byte[] body) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = range == null ? 0 : Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
        ex.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body, from, body.length - from);
        }
    }

    static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] goodModel() throws IOException {
        // incompressible filler makes the archive large enough to be cut in the middle
        byte[] noise = new byte[150_000];
        new java.util.Random(7).nextBytes(noise);
        return zip(Map.of("tiny-model/am/final.mdl", java.util.Base64.getEncoder().encodeToString(noise),
                "tiny-model/conf/model.conf", "--sample-frequency=16000\n",
                "tiny-model/graph/words.txt", "hello 1\n"));
    }

    static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private ModelDownloader downloader() {
        return new ModelDownloader(HttpClient.newHttpClient(), models, new PrintWriter(progress),
                new ModelDownloader.Retry(3, Duration.ofSeconds(2), Duration.ofSeconds(30), waits::add), Duration.ofSeconds(30));
    }

    @Test
    void installsAGoodArchiveAfterCheckingSizeAndChecksum() throws Exception {
        byte[] body = goodModel();
        URI url = serve("/good.zip", body, ModelDownloaderTest::honest);
        Path dir = downloader().install(new ModelSpec("tiny-model", url, body.length, sha(body)));
        assertThat(dir).isEqualTo(models.resolve("tiny-model"));
        assertThat(dir.resolve("am/final.mdl")).exists();
        assertThat(dir.resolve("conf/model.conf")).hasContent("--sample-frequency=16000");
        assertThat(models.resolve("tiny-model.zip.part")).doesNotExist();
        assertThat(progress.toString()).contains("100%").contains("installed tiny-model");
    }

    @Test
    void resumesWhereABrokenTransferStopped() throws Exception {
        byte[] body = goodModel();
        URI url = serve("/flaky.zip", body, (ex, request, b) -> {
            if (request == 1) {
                // promise everything, send half, hang up
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b, 0, b.length / 2);
                ex.getResponseBody().flush();
                throw new IOException("simulated connection drop");
            }
            honest(ex, request, b);
        });
        Path dir = downloader().install(new ModelSpec("tiny-model", url, body.length, sha(body)));
        assertThat(dir.resolve("am/final.mdl")).exists();
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0)).isEqualTo("null");
        assertThat(ranges.get(1)).matches("bytes=\\d+-").isNotEqualTo("bytes=0-");
        assertThat(progress.toString()).containsPattern("download stopped at 0\\.\\d MB: 127.0.0.1 closed the connection after 0\\.\\d MB of 0\\.2 MB; resuming in 2 s \\(attempt 2 of 3\\)");
    }

    @Test
    void aTruncatedArchiveIsRejectedAndDeleted() throws Exception {
        byte[] body = goodModel();
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 1000);
        URI url = serve("/cut.zip", cut, ModelDownloaderTest::honest);
        assertThatThrownBy(() -> downloader().install(new ModelSpec("tiny-model", url, body.length, null)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has " + cut.length + " bytes, expected " + body.length);
        assertThat(models.resolve("tiny-model.zip.part")).doesNotExist();
        assertThat(models.resolve("tiny-model")).doesNotExist();
    }

    @Test
    void aWrongChecksumIsRejectedSayingHowToOverride() throws Exception {
        byte[] body = goodModel();
        URI url = serve("/evil.zip", body, ModelDownloaderTest::honest);
        String expected = "0".repeat(64);
        assertThatThrownBy(() -> downloader().install(new ModelSpec("tiny-model", url, body.length, expected)))
                .hasMessageContaining("SHA-256 is " + sha(body) + ", expected " + expected)
                .hasMessageContaining("--sha256");
        assertThat(models.resolve("tiny-model")).doesNotExist();
    }

    @Test
    void anArchiveThatEscapesTheTargetFolderIsRefused() throws Exception {
        byte[] body = zip(Map.of("tiny-model/am/final.mdl", "x", "tiny-model/conf/model.conf", "x", "../../evil.sh", "rm -rf /"));
        URI url = serve("/traversal.zip", body, ModelDownloaderTest::honest);
        assertThatThrownBy(() -> downloader().install(new ModelSpec("tiny-model", url, body.length, sha(body))))
                .hasMessageContaining("refusing to unpack '../../evil.sh'");
        assertThat(models.getParent().resolve("evil.sh")).doesNotExist();
        assertThat(models.resolve("tiny-model")).doesNotExist();
    }

    @Test
    void aServerThatKeepsFailingEndsWithHowToResume() throws Exception {
        byte[] body = goodModel();
        URI url = serve("/dying.zip", body, (ex, request, b) -> {
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b, 0, 1000);
            ex.getResponseBody().flush();
            throw new IOException("simulated connection drop");
        });
        assertThatThrownBy(() -> downloader().install(new ModelSpec("tiny-model", url, body.length, sha(body))))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("running the same command again resumes from 0.0 MB");
        assertThat(ranges).as("the first attempt fetched something, then two more fetched nothing new").hasSize(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void anHttpErrorSaysWhatToCheck() throws Exception {
        URI url = serve("/missing.zip", new byte[0], (ex, r, b) -> ex.sendResponseHeaders(500, -1));
        assertThatThrownBy(() -> downloader().install(new ModelSpec("tiny-model", url, 10, null)))
                .hasMessageContaining("answered HTTP 500");
    }

    @Test
    void anArchiveWithoutAModelInsideIsRejected() throws Exception {
        byte[] body = zip(Map.of("readme.txt", "hello"));
        URI url = serve("/empty.zip", body, ModelDownloaderTest::honest);
        assertThatThrownBy(() -> downloader().install(new ModelSpec("tiny-model", url, body.length, sha(body))))
                .hasMessageContaining("does not look like a Vosk model");
        assertThat(models.resolve("tiny-model")).doesNotExist();
    }
}
