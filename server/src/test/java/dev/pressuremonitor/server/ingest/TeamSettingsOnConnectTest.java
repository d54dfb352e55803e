package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.TeamSettings;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.access.RateLimiter;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import dev.pressuremonitor.server.team.TeamSettingsHub;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent's connection, once its WebSocket handshake is done, gets its team's rule settings, read from the store
 * (on the calling thread here, so the frame is there when the event has been handled).
 */
class TeamSettingsOnConnectTest {
    private static final Principal ANA = new Principal(Principal.Kind.AGENT, "ana", "emea");

    private final CallStore store = CallStore.temporary();
    private final TeamMetrics metrics = new TeamMetrics(false);
    private final TeamSettingsHub settings = new TeamSettingsHub(store, Runnable::run);

    @AfterEach
    void close() {
        store.close();
    }

    /** An agent of emea connecting, as the router builds it: joining tells the team's settings hub. */
    private EmbeddedChannel agentOfEmea() {
        IngestService ingest = new IngestService(new OverlayHub(), store, metrics);
        return new EmbeddedChannel(new AgentFrameHandler(ingest, ANA, new RateLimiter(100, System.nanoTime()), 100, metrics,
                ch -> settings.joined("emea", ch)));
    }

    private static void handshakeDone(EmbeddedChannel agent) {
        agent.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete("/ws/agent", new DefaultHttpHeaders(), null));
    }

    @Test
    void anAgentGetsItsTeamsRuleSettingsWhenItsHandshakeIsDone() throws Exception {
        store.teamSettings().setRule("emea", "chase.checking-in", TeamSettings.OFF, "mia", 1);
        store.teamSettings().setRule("emea", "urgency.deadline", TeamSettings.DOWN, "mia", 2);
        EmbeddedChannel agent = agentOfEmea();

        handshakeDone(agent);

        TextWebSocketFrame frame = agent.readOutbound();
        assertThat(TeamSettings.parse(frame.text())).isEqualTo(TeamSettings.of("emea",
                Map.of("chase.checking-in", TeamSettings.OFF, "urgency.deadline", TeamSettings.DOWN), null));
        frame.release();
    }

    @Test
    void otherEventsOnTheConnectionSendNoSettings() throws Exception {
        store.teamSettings().setRule("emea", "chase.checking-in", TeamSettings.OFF, "mia", 1);
        EmbeddedChannel agent = agentOfEmea();

        agent.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

        assertThat((Object) agent.readOutbound()).isNull();
    }
}
