package dev.pressuremonitor.server.http;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slowloris and connection floods over loopback, bounded in count and time: a request must arrive in full soon
 * after its first byte, and one address cannot take every connection the server has.
 */
class SlowClientsTest {
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    PressureServer server;
    final List<Socket> sockets = new ArrayList<>();

    PressureServer start(int total, int perAddress) throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withRequestTimeout(REQUEST_TIMEOUT)
                .withConnections(new ServerConfig.Connections(total, perAddress)));
        return server;
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) s.close();
        if (server != null) server.close();
    }

    Socket connect(String from) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        s.setSoTimeout(10_000);
        return s;
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** One response's status line and headers and a body of Content-Length bytes; null if the server just closed. */
    static String response(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) return head.length() == 0 ? null : head.toString();
            head.append((char) b);
        }
        var m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int n = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return head + new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    static final String HEALTH = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    /** A kept-alive connection the server has surely counted: it has answered a request on it. */
    Socket counted(String from) throws IOException {
        Socket s = connect(from);
        send(s, HEALTH);
        assertThat(response(s)).startsWith("HTTP/1.1 200");
        return s;
    }

    @Test
    void aRequestTricklingInByteByByteIsAnswered408AndClosed() throws Exception {
        start(100, 100);
        Socket slow = connect("127.0.0.1");
        byte[] trickle = ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        int[] next = {0};
        pace.scheduleAtFixedRate(() -> {
            try {
                if (next[0] < trickle.length) slow.getOutputStream().write(trickle[next[0]++]);
            } catch (IOException closed) {
                throw new IllegalStateException(closed); // ends the pacing
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        try {
            String answer = response(slow);
            pace.shutdownNow();
            assertThat(answer).startsWith("HTTP/1.1 408").contains("within 500 ms of its first byte");
            // closed after the answer: an orderly end, or a reset if a trickled byte crossed the server's close
            int after;
            try {
                after = slow.getInputStream().read();
            } catch (java.net.SocketException reset) {
                after = -1;
            }
            assertThat(after).as("closed after the answer").isEqualTo(-1);
            assertThat(next[0]).as("bytes sent before the deadline").isLessThan(trickle.length);
        } finally {
            pace.shutdownNow();
        }
        await().until(() -> server.metrics().scrape().contains("pm_refused_total{limit=\"request-timeout\"} 1.0"));
    }

    @Test
    void aKeptAliveConnectionMayWaitBetweenRequests() throws Exception {
        start(100, 100);
        Socket s = counted("127.0.0.1");
        // idle for twice the request deadline: the clock runs from a request's first byte, not from the last answer
        s.setSoTimeout((int) REQUEST_TIMEOUT.multipliedBy(2).toMillis());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.getInputStream().read()).as("nothing comes, and the server does not close")
                .isInstanceOf(java.net.SocketTimeoutException.class);
        s.setSoTimeout(10_000);
        send(s, HEALTH);
        assertThat(response(s)).startsWith("HTTP/1.1 200");
    }

    @Test
    void oneAddressCannotTakeEveryConnectionAndAnotherStillGetsIn() throws Exception {
        start(100, 3);
        for (int i = 0; i < 3; i++) counted("127.0.0.1");
        Socket fourth = connect("127.0.0.1");
        assertThat(response(fourth)).startsWith("HTTP/1.1 429").contains("your address already has 3 connections open");
        assertThat(fourth.getInputStream().read()).isEqualTo(-1);
        // another machine (another loopback address) is still served
        counted("127.0.0.2");
        // and the first address gets a connection again once it gives one back
        sockets.get(0).close();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            Socket again = connect("127.0.0.1");
            send(again, HEALTH);
            return response(again).startsWith("HTTP/1.1 200");
        });
        assertThat(server.metrics().scrape()).contains("pm_refused_total{limit=\"address-connections\"}");
    }

    @Test
    void theServerTakesNoMoreThanItsTotalAndSaysSo() throws Exception {
        start(2, 100);
        counted("127.0.0.1");
        counted("127.0.0.2");
        Socket third = connect("127.0.0.3");
        assertThat(response(third)).startsWith("HTTP/1.1 503").contains("2 connections open, its limit");
        assertThat(server.metrics().scrape()).contains("pm_refused_total{limit=\"server-connections\"} 1.0")
                .contains("pm_connections_open 2.0");
    }
}
