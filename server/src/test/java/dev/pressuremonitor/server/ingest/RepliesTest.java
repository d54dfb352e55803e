package dev.pressuremonitor.server.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies the store made ready together go out together: in order, each connection flushed once, and not too often. */
class RepliesTest {
    /** An agent's connection that counts how often its socket would be flushed. */
    private static final class Connection {
        int flushes;
        final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes++;
                ctx.flush();
            }
        }, new ChannelInboundHandlerAdapter());

        private Replies.Outlet outlet;

        ChannelHandlerContext ctx() {
            return channel.pipeline().lastContext();
        }

        Replies.Outlet outlet() {
            if (outlet == null) outlet = new Replies.Outlet(ctx());
            return outlet;
        }

        List<String> sent() {
            List<String> out = new ArrayList<>();
            for (Object f = channel.readOutbound(); f != null; f = channel.readOutbound()) {
                TextWebSocketFrame text = (TextWebSocketFrame) f;
                out.add(text.text());
                text.release();
            }
            return out;
        }
    }

    @Test
    void repliesReadyTogetherReachTheAgentInOrderWithOneFlush() {
        Connection agent = new Connection();
        Replies replies = Replies.of(agent.ctx());
        replies.send(agent.outlet(), "ack 1");
        replies.send(agent.outlet(), "ack 2");
        replies.send(agent.outlet(), "ack 3");
        assertThat(agent.sent()).as("nothing is written before the network thread runs").isEmpty();

        agent.channel.runPendingTasks();

        assertThat(agent.sent()).containsExactly("ack 1", "ack 2", "ack 3");
        assertThat(agent.flushes).isEqualTo(1);
    }

    @Test
    void anAgentAtTheUsualPaceGetsEachReplyAtOnce() {
        Connection agent = new Connection();
        agent.channel.freezeTime();
        Replies replies = Replies.of(agent.ctx());
        replies.send(agent.outlet(), "ack 1");
        agent.channel.runPendingTasks();
        agent.channel.advanceTimeBy(250, TimeUnit.MILLISECONDS);
        replies.send(agent.outlet(), "ack 2");
        agent.channel.runPendingTasks();

        assertThat(agent.sent()).containsExactly("ack 1", "ack 2");
        assertThat(agent.flushes).isEqualTo(2);
    }

    /** Each flush is a system call: a busy agent's replies go out together, a quarter of a second after the last. */
    @Test
    void aBusyAgentsRepliesGoOutTogetherAQuarterOfASecondAfterItsLastFlush() {
        Connection agent = new Connection();
        agent.channel.freezeTime();
        Replies replies = Replies.of(agent.ctx());
        replies.send(agent.outlet(), "ack 1");
        agent.channel.runPendingTasks();
        assertThat(agent.sent()).containsExactly("ack 1");

        replies.send(agent.outlet(), "ack 2");
        agent.channel.runPendingTasks();
        agent.channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        replies.send(agent.outlet(), "ack 3");
        agent.channel.runPendingTasks();
        agent.channel.advanceTimeBy(149, TimeUnit.MILLISECONDS);
        agent.channel.runPendingTasks();
        assertThat(agent.sent()).as("written, not flushed yet").isEmpty();

        agent.channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        agent.channel.runPendingTasks();
        assertThat(agent.sent()).containsExactly("ack 2", "ack 3");
        assertThat(agent.flushes).isEqualTo(2);
    }

    @Test
    void agentsOnDifferentNetworkThreadsEachGetTheirOwnReplies() {
        Connection ana = new Connection();
        Connection ben = new Connection(); // another event loop, its handler added on the same thread here
        Replies forAna = Replies.of(ana.ctx());
        Replies forBen = Replies.of(ben.ctx());
        forAna.send(ana.outlet(), "ack ana");
        forBen.send(ben.outlet(), "ack ben");

        ben.channel.runPendingTasks();
        assertThat(ben.sent()).as("ben's thread alone writes ben's reply").containsExactly("ack ben");
        ana.channel.runPendingTasks();
        assertThat(ana.sent()).containsExactly("ack ana");
    }

    @Test
    void anAgentWhoseConnectionClosedWhileItsRepliesWaitedHoldsBackNoOtherAgentsReplies() {
        Connection gone = new Connection();
        Connection ben = new Connection();
        Replies replies = Replies.of(gone.ctx()); // one network thread's run, writing to both connections
        replies.send(gone.outlet(), "ack gone 1");
        replies.send(ben.outlet(), "ack ben 1");
        replies.send(gone.outlet(), "ack gone 2");
        replies.send(ben.outlet(), "ack ben 2");
        gone.channel.close();

        gone.channel.runPendingTasks();

        assertThat(ben.sent()).containsExactly("ack ben 1", "ack ben 2");
        assertThat(ben.flushes).isEqualTo(1);
    }

    @Test
    void aRunOfTenThousandRepliesReachesTheAgentWholeAndInOrder() {
        Connection agent = new Connection();
        Replies replies = Replies.of(agent.ctx());
        List<String> made = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            made.add((i % 100 == 0 ? "retry " : "ack ") + i);
            replies.send(agent.outlet(), made.get(made.size() - 1));
        }

        agent.channel.runPendingTasks();

        assertThat(agent.sent()).containsExactlyElementsOf(made);
        assertThat(agent.flushes).isEqualTo(1);
    }
}
