package dev.pressuremonitor.agent.stt.model;

import dev.pressuremonitor.agent.stt.ModelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a user sees when the model cannot be fetched: the cause in plain words, what to do, and attempts spaced
 * 2, 4 and 8 s apart. Real loopback servers misbehave; the waits are recorded, not slept.
 */
class ModelDownloadFailuresTest {
    static final Duration IDLE = Duration.ofMillis(300);

    @TempDir
    Path models;
    final StringWriter progress = new StringWriter();
    final List<Duration> waits = new ArrayList<>();
    final List<Integer> connectionsAtEachWait = new ArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        release.countDown();
        for (AutoCloseable s : servers) s.close();
    }

    private ModelException failure(String url) {
        ModelDownloader d = new ModelDownloader(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), models, new PrintWriter(progress),
                new ModelDownloader.Retry(4, Duration.ofSeconds(2), Duration.ofSeconds(30), wait -> {
                    waits.add(wait);
                    connectionsAtEachWait.add(connections.get());
                }), IDLE);
        var spec = new ModelSpec("tiny-model", URI.create(url), 150_000, null);
        return (ModelException) org.assertj.core.api.Assertions.catchThrowable(() -> d.install(spec));
    }

    /** A raw server that reads the request, then does {@code then} with the socket; one thread per connection. */
    private int rawServer(SocketAction then) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        servers.add(ss);
        daemon(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    connections.incrementAndGet();
                    daemon(() -> {
                        try (s) {
                            s.getInputStream().read(new byte[4096]);
                            then.with(s);
                        } catch (IOException | InterruptedException e) {
                            // the test is over or the client gave up
                        }
                    });
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        });
        return ss.getLocalPort();
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
    }

    interface SocketAction {
        void with(Socket s) throws IOException, InterruptedException;
    }

    @Test
    void anUnresolvableHostIsNamedWithWhatToDo() {
        ModelException e = failure("http://models.pressure-monitor.invalid/vosk-model-small-en-us-0.15.zip");
        assertThat(e).hasMessageStartingWith("could not download http://models.pressure-monitor.invalid/vosk-model-small-en-us-0.15.zip: "
                        + "cannot resolve host models.pressure-monitor.invalid. Check the network connection")
                .hasMessageContaining("-Dhttps.proxyHost")
                .hasMessageEndingWith("run 'pressure-monitor model install vosk-model-small-en-us-0.15.zip'")
                .hasMessageNotContaining("null");
    }

    @Test
    void attemptsAreSpacedTwoFourAndEightSecondsApartAndEachWaitIsAnnounced() {
        failure("http://models.pressure-monitor.invalid/x.zip");
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(progress.toString()).contains(
                "download failed: cannot resolve host models.pressure-monitor.invalid; retrying in 2 s (attempt 2 of 4)",
                "retrying in 4 s (attempt 3 of 4)", "retrying in 8 s (attempt 4 of 4)");
    }

    @Test
    void aRefusedConnectionIsNamed() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        assertThat(failure("http://127.0.0.1:" + port + "/x.zip"))
                .hasMessageContaining(": connection refused by 127.0.0.1:" + port + ". Check the network connection");
    }

    @Test
    void aServerThatHangsUpIsNamedAndEachRetryWaitsFirst() throws IOException {
        int port = rawServer(s -> { });
        assertThat(failure("http://127.0.0.1:" + port + "/x.zip")).hasMessageContaining(": 127.0.0.1 closed the connection without answering.");
        assertThat(connectionsAtEachWait).as("a wait after each failed attempt (Java's client itself may reconnect once within one)")
                .hasSize(3).isSorted().doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).isPositive());
        assertThat(connections.get()).as("the last attempt came after the last wait").isGreaterThan(connectionsAtEachWait.get(2));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        int port = rawServer(s -> release.await());
        assertThat(failure("http://127.0.0.1:" + port + "/x.zip"))
                .hasMessageContaining(": 127.0.0.1 accepted the connection but sent no answer within 300 ms.");
    }

    @Test
    void aTransferThatStallsMidwayIsCutAndCanBeResumed() throws IOException {
        int port = rawServer(s -> {
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 150000\r\n\r\n" + "x".repeat(60_000)).getBytes());
            s.getOutputStream().flush();
            release.await();
        });
        assertThat(failure("http://127.0.0.1:" + port + "/x.zip"))
                .hasMessageContaining(": the transfer stalled: no data from 127.0.0.1 for 300 ms after 0.1 MB of 0.2 MB.")
                .hasMessageContaining("running the same command again resumes from 0.1 MB");
        assertThat(progress.toString()).contains("download stopped at 0.1 MB: the transfer stalled");
    }

    @Test
    void aTlsFailureIsNamed() throws IOException {
        int plainHttp = rawServer(s -> s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes()));
        assertThat(failure("https://127.0.0.1:" + plainHttp + "/x.zip"))
                .hasMessageContaining(": TLS failure talking to 127.0.0.1 (")
                .hasMessageContaining("a proxy or firewall may be intercepting HTTPS");
    }

    @Test
    void aConnectTimeoutSaysHowLongItWaited() {
        assertThat(DownloadFailure.describe(new HttpConnectTimeoutException("HTTP connect timed out"),
                URI.create("https://alphacephei.com/x.zip"), Duration.ofSeconds(20), IDLE))
                .isEqualTo("no connection to alphacephei.com within 20 s");
    }

    @Test
    void theWaitDoublesUpToItsCeiling() {
        var retry = new ModelDownloader.Retry(6, Duration.ofSeconds(2), Duration.ofSeconds(5), d -> { });
        assertThat(List.of(retry.waitAfter(1), retry.waitAfter(2), retry.waitAfter(3), retry.waitAfter(4)))
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }
}
