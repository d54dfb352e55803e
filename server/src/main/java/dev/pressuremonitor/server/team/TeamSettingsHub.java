package dev.pressuremonitor.server.team;

import dev.pressuremonitor.server.calls.CallStore;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Keeps each team's connected agents and sends them the team's settings ({@link dev.pressuremonitor.models.TeamSettings}):
 * to an agent when it connects, and to all of the team's agents on this server when a manager changes a rule. (An agent
 * on another server behind the same database gets the change when it next connects.) Reads run on {@code blocking},
 * never on the event loop.
 */
public final class TeamSettingsHub {
    private static final Logger log = LoggerFactory.getLogger(TeamSettingsHub.class);

    private final CallStore store;
    private final Executor blocking;
    private final Map<String, ChannelGroup> agents = new ConcurrentHashMap<>();

    public TeamSettingsHub(CallStore store, Executor blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    /**
     * An agent of {@code team} connected: it gets the settings now if the team has any (an agent starts from no
     * settings on every connection, so a team without any sends nothing), and every change from now on.
     */
    public void joined(String team, Channel agent) {
        agents.computeIfAbsent(team, t -> new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)).add(agent);
        blocking.execute(() -> send(team, List.of(agent), false));
    }

    /** The team's settings changed: tell its connected agents. */
    public void changed(String team) {
        ChannelGroup group = agents.get(team);
        if (group != null && !group.isEmpty()) blocking.execute(() -> send(team, List.copyOf(group), true));
    }

    private void send(String team, List<Channel> to, boolean evenIfNone) {
        String json;
        try {
            dev.pressuremonitor.models.TeamSettings s = store.teamSettings().settings(team);
            if (!evenIfNone && s.rules().isEmpty() && s.model() == null) return;
            json = s.toJson();
        } catch (SQLException e) {
            log.warn("cannot read team {}'s settings for its agents ({}); they get them on their next connection", team, e.getMessage());
            return;
        }
        for (Channel ch : to) if (ch.isActive()) ch.writeAndFlush(new TextWebSocketFrame(json));
    }
}
