package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the agent does with each kind of answer: a refused token, a "retry", and a crash before anything is confirmed. */
class AgentClientDeliveryTest {
    private static final Envelope STARTED = new Envelope("c1", 1, 1, new CallStarted("ana", "emea", 1, false));
    private static final Envelope ENDED = new Envelope("c1", 2, 2, new CallEnded(5, "hangup"));
    /** Short waits, so a test of reconnecting or retrying takes milliseconds rather than seconds. */
    static final AgentClient.Timing QUICK = new AgentClient.Timing(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(50), 100);

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anUnknownTokenStopsTheAgentWithTheServersReasonAndKeepsItsEvents() throws Exception {
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true));
             AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + server.port()), Outbox.inMemory(100), "pm_not-a-token-anyone-made",
                     notices::add)) {
            client.accept(STARTED);
            assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isFalse();
            assertThat(notices).as("the rep is told").containsExactly(client.refusal());
            assertThat(client.refusal()).isEqualTo("the server refused this agent (HTTP 401): missing or unknown agent token: create one with "
                    + "'pressure-monitor token create --rep NAME --team NAME' and pass it with --token or PRESSURE_MONITOR_TOKEN");
            assertThat(server.ingest().accepted()).isZero();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aTokenThatIsNotAnAgentTokenIsRefusedAsForbidden() throws Exception {
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true))) {
            String viewer = server.store().createToken(Principal.Kind.VIEWER, "ana", "emea");
            try (AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + server.port()), 100, viewer)) {
                client.accept(STARTED);
                assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isFalse();
                assertThat(client.refusal()).isEqualTo("the server refused this agent (HTTP 403): this token is not an agent token");
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anAgentTokenIsSentAndItsCallIsDelivered() throws Exception {
        try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true))) {
            String agent = server.store().createToken(Principal.Kind.AGENT, "ana", "emea");
            try (AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + server.port()), 100, agent)) {
                client.accept(STARTED);
                client.accept(ENDED);
                assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isTrue();
                assertThat(client.refusal()).isNull();
                assertThat(server.ingest().accepted()).isEqualTo(2);
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anEventTheServerAsksToRetryIsSentAgainUntilItIsStored() throws Exception {
        Map<Long, Integer> seen = new ConcurrentHashMap<>();
        try (ScriptedServer server = new ScriptedServer(frame -> {
            Envelope e;
            try {
                e = EventCodec.decode(frame);
            } catch (DecodeException bad) {
                throw new AssertionError(bad);
            }
            int n = seen.merge(e.seq(), 1, Integer::sum);
            return (n == 1 ? AgentReply.retry(e.callId(), e.seq(), "database busy") : AgentReply.ack(e.callId(), e.seq())).toJson();
        }); AgentClient client = new AgentClient(server.uri(), Outbox.inMemory(100), null, m -> { }, QUICK)) {
            client.accept(STARTED);
            client.accept(ENDED);
            assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isTrue();
            assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 2, 2L, 2));
            assertThat(client.serverErrors()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aReplyThatIsNotAReplyIsIgnoredAndTheEventStaysUnconfirmed() throws Exception {
        try (ScriptedServer server = new ScriptedServer(frame -> "{\"hello\":1}");
             AgentClient client = new AgentClient(server.uri(), 100)) {
            client.accept(STARTED);
            await().atMost(Duration.ofSeconds(20)).until(() -> server.received.size() == 1);
            assertThat(client.awaitDelivered(Duration.ofMillis(200))).isFalse();
            assertThat(client.serverErrors()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anEventIsOnDiskAsSoonAsItIsPublishedSoACrashRightAfterLosesNothing(@TempDir Path dir) throws Exception {
        // a port that is held but never answers: nothing is confirmed, so everything must wait on disk
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + silent.getLocalPort()), Outbox.open(dir, 100), null, m -> { })) {
            client.accept(STARTED);
            client.accept(ENDED);
            // read the files as a new run would after a crash now, without closing anything
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Outbox afterCrash = Outbox.open(dir, 100)) {
                    assertThat(afterCrash.pending()).extracting(Outbox.Item::seq).containsExactly(1L, 2L);
                }
            });
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void eventsPublishedWhileNobodyAnswersAreDeliveredOnceTheServerIsThere() throws Exception {
        // hold the port (so no one else can take it) without answering, then hand it to a real server
        ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        int port = holder.getLocalPort();
        try (AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + port), Outbox.inMemory(1000), null, m -> { }, QUICK)) {
            client.accept(STARTED);
            client.accept(ENDED);
            assertThat(client.awaitDelivered(Duration.ofMillis(300))).as("nobody answers yet").isFalse();
            holder.close();
            try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(port))) {
                assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isTrue();
                assertThat(server.ingest().accepted()).isEqualTo(2);
                assertThat(server.ingest().duplicates()).isZero();
            }
        } finally {
            holder.close();
        }
    }


    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void eventsPublishedBeforeTheServerIsUpAreDeliveredOnceItIs() throws Exception {
        // a port held by a socket that is bound but not listening: every connection attempt is refused, until the
        // port is handed to a real server
        java.net.Socket holder = new java.net.Socket();
        holder.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = holder.getLocalPort();
        try (AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + port), Outbox.inMemory(1000), null, m -> { }, QUICK)) {
            client.accept(STARTED);
            client.accept(ENDED);
            assertThat(client.awaitDelivered(Duration.ofMillis(300))).as("the server is not up yet").isFalse();
            holder.close();
            try (PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(port))) {
                assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isTrue();
                assertThat(server.ingest().accepted()).isEqualTo(2);
            }
        } finally {
            holder.close();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRuleTurnedBackOnWhileTheAgentWasCutOffIsOnAgainWhenItReconnects() throws Exception {
        String off = dev.pressuremonitor.models.TeamSettings.of("emea", Map.of("urgency.deadline", "off"), null).toJson();
        java.util.concurrent.BlockingQueue<dev.pressuremonitor.models.TeamSettings> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        // the team has the rule off when the agent first connects, and no settings at all by the time it comes back
        try (ScriptedServer server = new ScriptedServer(frame -> "{}", n -> n == 1 ? off : null);
             AgentClient client = new AgentClient(server.uri(), Outbox.inMemory(100), null, m -> { }, QUICK)) {
            client.onTeamSettings(heard::add);
            assertThat(heard.poll(20, TimeUnit.SECONDS).rules()).isEqualTo(Map.of("urgency.deadline", "off"));

            server.dropConnections();
            assertThat(heard.poll(20, TimeUnit.SECONDS).rules()).as("back to the rules as shipped").isEmpty();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void settingsThatArriveBeforeAnyoneListensAreGivenToTheFirstListener() throws Exception {
        String off = dev.pressuremonitor.models.TeamSettings.of("emea", Map.of("urgency.deadline", "off"), null).toJson();
        // the settings come first, then the reply to the agent's event: once that reply is in, so are the settings
        try (ScriptedServer server = new ScriptedServer(frame -> AgentReply.ack("c1", 1).toJson(), n -> off);
             AgentClient client = new AgentClient(server.uri(), Outbox.inMemory(100), null, m -> { }, QUICK)) {
            client.accept(STARTED);
            assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isTrue();
            java.util.concurrent.BlockingQueue<dev.pressuremonitor.models.TeamSettings> heard = new java.util.concurrent.LinkedBlockingQueue<>();
            client.onTeamSettings(heard::add);
            assertThat(heard.poll()).extracting(dev.pressuremonitor.models.TeamSettings::rules).isEqualTo(Map.of("urgency.deadline", "off"));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerThatCannotCheckTheTokenNowIsToldOnceWithItsReasonAndTriedUntilItCan() throws Exception {
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer(frame -> AgentReply.ack("c1", 1).toJson(), n -> null,
                n -> n <= 3 ? "503 {\"error\":\"the token store is unreachable\"}" : null);
             AgentClient client = new AgentClient(server.uri(), Outbox.inMemory(100), "pm_token", notices::add, QUICK)) {
            client.accept(STARTED);
            assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isTrue();
            assertThat(notices).containsExactly("the server cannot take this agent right now (HTTP 503: the token store is unreachable); "
                    + "retrying, nothing is lost meanwhile");
            assertThat(client.refusal()).isNull();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerErrorWithoutAReasonIsToldAndRetriedToo() throws Exception {
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer(frame -> AgentReply.ack("c1", 1).toJson(), n -> null, n -> n == 1 ? "500" : null);
             AgentClient client = new AgentClient(server.uri(), Outbox.inMemory(100), "pm_token", notices::add, QUICK)) {
            client.accept(STARTED);
            assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isTrue();
            assertThat(notices).containsExactly("the server cannot take this agent right now (HTTP 500); retrying, nothing is lost meanwhile");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRefusalWithoutAReasonTellsTheRepHowToGetAToken() throws Exception {
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer(frame -> "{}", n -> null, n -> "401");
             AgentClient client = new AgentClient(server.uri(), Outbox.inMemory(100), "pm_token", notices::add, QUICK)) {
            client.accept(STARTED);
            assertThat(client.awaitDelivered(Duration.ofSeconds(20))).isFalse();
            assertThat(notices).containsExactly("the server refused this agent (HTTP 401): missing or unknown agent token: create one with "
                    + "'pressure-monitor token create --rep NAME --team NAME' on the server and set PRESSURE_MONITOR_TOKEN");
            assertThat(server.connections).as("not retried with the same token").hasValue(0);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aTeamModelDroppedWhileTheAgentWasCutOffIsNotUsedAfterItReconnects() throws Exception {
        String withModel = dev.pressuremonitor.models.TeamSettings.of("emea", Map.of(), "3f2a9c").toJson();
        java.util.concurrent.BlockingQueue<dev.pressuremonitor.models.TeamSettings> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        try (ScriptedServer server = new ScriptedServer(frame -> "{}", n -> n == 1 ? withModel : null);
             AgentClient client = new AgentClient(server.uri(), Outbox.inMemory(100), null, m -> { }, QUICK)) {
            client.onTeamSettings(heard::add);
            assertThat(heard.poll(20, TimeUnit.SECONDS).model()).isEqualTo("3f2a9c");

            server.dropConnections();
            assertThat(heard.poll(20, TimeUnit.SECONDS).model()).as("back to the shipped model").isNull();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aClosedAgentHoldsNoFileOfItsOutboxOpen(@TempDir Path dir) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AgentClient client = new AgentClient(URI.create("ws://127.0.0.1:" + silent.getLocalPort()), Outbox.open(dir, 100), null, m -> { });
            client.accept(STARTED);
            await().atMost(Duration.ofSeconds(10)).until(() -> OutboxTest.openFilesIn(dir) == 1);
            client.close();
            assertThat(OutboxTest.openFilesIn(dir)).isZero();
        }
    }
}
