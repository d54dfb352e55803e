package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.publish.AgentAddress;
import dev.pressuremonitor.agent.publish.AgentClient;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.MetricsSnapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server started under a low file-descriptor limit ({@code ulimit -n 256}) is flooded with connections from
 * one machine: past the cap it derives from that limit, it answers new connections 503 and closes them, before
 * it runs out of descriptors; a rep's agent connected before the flood goes on delivering its call, and once
 * connections close the server takes new ones again.
 */
@Tag("process") // starts a pressure-monitor JVM: left out of mutation testing
class DescriptorLimitTest {
    static final int DESCRIPTORS = 256;
    static final Pattern CAP = Pattern.compile("the server has (\\d+) connections open");

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void pastTheCapItsDescriptorLimitAllowsNewConnectionsGet503WhileAnAgentsCallGoesOn(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        List<Socket> held = new ArrayList<>();
        try (ServerProcess server = ServerProcess.startWithDescriptorLimit(DESCRIPTORS, log, ServerProcess.localArgs(dir.resolve("data")));
             AgentClient agent = new AgentClient(AgentAddress.of(URI.create("ws://127.0.0.1:" + server.port()), "ana", "emea"), 1_000)) {
            long t0 = System.currentTimeMillis();
            agent.accept(new Envelope("fd-call", 1, t0, new CallStarted("ana", "emea", t0, false)));
            assertThat(agent.awaitDelivered(Duration.ofSeconds(30))).as("the agent's call starts").isTrue();

            // connections that each got an answer and stay open, until one is not answered 200
            while (held.size() < DESCRIPTORS) {
                Socket s = connect(server.port());
                if (!health(s).startsWith("HTTP/1.1 200")) {
                    s.close();
                    break;
                }
                held.add(s);
            }
            // at the cap: a new connection, which sends nothing, is told why and closed
            try (Socket refused = connect(server.port())) {
                String answer;
                try {
                    answer = readAll(refused.getInputStream());
                } catch (java.net.SocketTimeoutException e) {
                    throw new AssertionError("no answer on a new connection with " + held.size() + " held; server log:\n" + tail(log), e);
                }
                assertThat(answer).startsWith("HTTP/1.1 503").contains("try again shortly");
                Matcher m = CAP.matcher(answer);
                assertThat(m.find()).as(answer).isTrue();
                int cap = Integer.parseInt(m.group(1));
                assertThat(cap).as("the cap leaves descriptors for the database and the JVM").isLessThan(DESCRIPTORS);
                assertThat(held.size() + 1).as("connections held, with the agent's").isEqualTo(cap);
            }

            for (int seq = 2; seq <= 20; seq++) agent.accept(new Envelope("fd-call", seq, t0 + seq, metrics(seq)));
            assertThat(agent.awaitDelivered(Duration.ofSeconds(30))).as("the agent's call goes on at the cap").isTrue();
            assertThat(health(held.get(0))).as("connections held are still served").startsWith("HTTP/1.1 200");

            for (Socket s : held.subList(0, 10)) s.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                try (Socket s = connect(server.port())) {
                    return health(s).startsWith("HTTP/1.1 200");
                }
            });
        } finally {
            for (Socket s : held) s.close();
        }
        assertThat(Files.readString(log)).doesNotContain("Too many open files");
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    static MetricsSnapshot metrics(int seq) {
        return new MetricsSnapshot(seq, 0.5, 0, 0, 0, 0, 0, 0, 0, null, 0, List.of());
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(20_000);
        return s;
    }

    /** GET /healthz on a kept-alive connection: the status line, headers and body; "" if the server closed or reset it. */
    static String health(Socket s) {
        try {
            s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) return head.toString(StandardCharsets.US_ASCII);
                head.write(b);
            }
            String h = head.toString(StandardCharsets.US_ASCII);
            Matcher m = Pattern.compile("(?i)content-length: (\\d+)").matcher(h);
            int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
            return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // a refused connection may be reset under a request it never read
        }
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
