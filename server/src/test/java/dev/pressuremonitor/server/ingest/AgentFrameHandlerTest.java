package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.access.RateLimiter;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One agent connection, driven without a socket: a reply per event, and a reasoned close when it misbehaves. */
class AgentFrameHandlerTest {
    private final CallStore store = CallStore.temporary();
    private final TeamMetrics metrics = new TeamMetrics(false);
    private final IngestService ingest = new IngestService(new OverlayHub(), store, metrics);

    @AfterEach
    void close() {
        store.close();
    }

    private EmbeddedChannel connection(RateLimiter rate) {
        return new EmbeddedChannel(new AgentFrameHandler(ingest, Principal.LOCAL, rate, 5, metrics));
    }

    private static RateLimiter plenty() {
        return new RateLimiter(1000, System.nanoTime());
    }

    /** The next frame the connection sends, waiting for replies that come from the store's writer thread. */
    private static Object next(EmbeddedChannel ch) {
        AtomicReference<Object> out = new AtomicReference<>();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
            ch.runPendingTasks();
            out.set(ch.readOutbound());
            return out.get() != null;
        });
        return out.get();
    }

    @Test
    void eachEventIsAnsweredOnceStored() throws Exception {
        EmbeddedChannel ch = connection(plenty());
        ch.writeInbound(new TextWebSocketFrame(EventCodec.encode(new Envelope("c1", 1, 1, new CallStarted("ana", "emea", 1, true)))));
        Object reply = next(ch);
        assertThat(reply).isInstanceOf(TextWebSocketFrame.class);
        assertThat(AgentReply.parse(((TextWebSocketFrame) reply).text())).isEqualTo(AgentReply.ack("c1", 1));
    }

    /**
     * A store that falls behind would otherwise hold every event agents send faster than the disk takes them: an
     * agent's connection then reads nothing more until its events are stored, and each is acknowledged only then.
     */
    @Test
    void whileTheStoreIsBehindAnAgentIsReadAgainOnlyOnceItsEventIsStoredAndAcknowledged(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("calls.db");
        try (CallStore slow = CallStore.open(url)) {
            IngestService behind = new IngestService(new OverlayHub(), slow, metrics);
            behind.storeBehindAt(0);
            EmbeddedChannel ch = new EmbeddedChannel(new AgentFrameHandler(behind, Principal.LOCAL, plenty(), 5, metrics));
            try (Connection other = DriverManager.getConnection(url); Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE"); // another program holds the database: the writer cannot commit
                ch.writeInbound(new TextWebSocketFrame(EventCodec.encode(new Envelope("c1", 1, 1, new CallStarted("ana", "emea", 1, true)))));
                assertThat(ch.config().isAutoRead()).as("reading paused while the event is not stored").isFalse();
                ch.runPendingTasks();
                assertThat((Object) ch.readOutbound()).as("no acknowledgement before the commit").isNull();
                lock.execute("COMMIT");
            }
            assertThat(AgentReply.parse(((TextWebSocketFrame) next(ch)).text())).isEqualTo(AgentReply.ack("c1", 1));
            assertThat(slow.events("c1")).hasSize(1);
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
                ch.runPendingTasks();
                return ch.config().isAutoRead();
            });
        }
    }

    @Test
    void anEventAnsweredAtOnceWhileTheStoreIsBehindLeavesTheAgentReading() {
        ingest.storeBehindAt(0);
        EmbeddedChannel ch = connection(plenty());
        ch.writeInbound(new TextWebSocketFrame("{\"type\":\"alert\"")); // refused before it reaches the store
        assertThat(ch.config().isAutoRead()).as("nothing of this agent's is waiting to be stored").isTrue();
        assertThat(((TextWebSocketFrame) next(ch)).text()).contains("\"error\"");
    }

    @Test
    void aBinaryFrameClosesTheConnectionSayingToSendText() {
        EmbeddedChannel ch = connection(plenty());
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[]{1, 2})));
        CloseWebSocketFrame close = (CloseWebSocketFrame) next(ch);
        assertThat(close.statusCode()).isEqualTo(1003);
        assertThat(close.reasonText()).isEqualTo("binary frames are not accepted: send each event as a JSON text frame");
    }

    @Test
    void anAgentOverItsRateIsClosedWithThePolicyAndHowToRecover() {
        RateLimiter spent = new RateLimiter(1, System.nanoTime());
        long now = System.nanoTime();
        spent.tryTake(now);
        spent.tryTake(now); // the burst of two is used up
        EmbeddedChannel ch = connection(spent);
        ch.writeInbound(new TextWebSocketFrame("{}"));
        CloseWebSocketFrame close = (CloseWebSocketFrame) next(ch);
        assertThat(close.statusCode()).isEqualTo(1008);
        assertThat(close.reasonText()).isEqualTo("more than 5 events a second from this token: slow down (unacknowledged events are resent after reconnecting)");
        assertThat(metrics.scrape()).as("the operator sees the refusal").contains("pm_refused_total{limit=\"rate\"} 1.0");
    }

    @Test
    void framesArrivingAfterTheGoodbyeAreIgnored() {
        EmbeddedChannel ch = connection(plenty());
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[]{1})));
        assertThat(next(ch)).isInstanceOf(CloseWebSocketFrame.class);
        ch.writeInbound(new TextWebSocketFrame("{}")); // ingest would refuse it at once, counting it
        ch.runPendingTasks();
        assertThat(ingest.rejected()).as("nothing reached ingest").isZero();
        assertThat((Object) ch.readOutbound()).isNull();
    }

    @Test
    void aMessageTooBigForTheServerClosesTheConnectionSayingSoAndShowsOnTheOperatorsMetrics() {
        EmbeddedChannel ch = connection(plenty());
        ch.pipeline().fireExceptionCaught(new io.netty.handler.codec.TooLongFrameException("frame of 70000 bytes"));
        CloseWebSocketFrame close = ch.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1009);
        assertThat(close.reasonText()).isEqualTo("message too big: send one event per message, at most 64 KiB");
        close.release();
        assertThat(ch.isOpen()).as("open while the sender, still sending the rest, reads why").isTrue();
        ch.advanceTimeBy(dev.pressuremonitor.server.http.WebSocketErrors.CLOSE_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).as("closed once the grace has passed").isFalse();
        assertThat(metrics.scrape()).contains("pm_refused_total{limit=\"frame-size\"} 1.0");
    }
}
