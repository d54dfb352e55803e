package dev.pressuremonitor.server.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies the store made ready together go out together: in order, each connection flushed once. */
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

        ChannelHandlerContext ctx() {
            return channel.pipeline().lastContext();
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
        replies.send(agent.ctx(), "ack 1");
        replies.send(agent.ctx(), "ack 2");
        replies.send(agent.ctx(), "ack 3");
        assertThat(agent.sent()).as("nothing is written before the network thread runs").isEmpty();

        agent.channel.runPendingTasks();

        assertThat(agent.sent()).containsExactly("ack 1", "ack 2", "ack 3");
        assertThat(agent.flushes).isEqualTo(1);
    }

    @Test
    void aReplyMadeReadyAfterTheLastOnesWentOutIsSentToo() {
        Connection agent = new Connection();
        Replies replies = Replies.of(agent.ctx());
        replies.send(agent.ctx(), "ack 1");
        agent.channel.runPendingTasks();
        replies.send(agent.ctx(), "ack 2");
        agent.channel.runPendingTasks();

        assertThat(agent.sent()).containsExactly("ack 1", "ack 2");
        assertThat(agent.flushes).isEqualTo(2);
    }

    @Test
    void agentsOnDifferentNetworkThreadsEachGetTheirOwnReplies() {
        Connection ana = new Connection();
        Connection ben = new Connection(); // another event loop, its handler added on the same thread here
        Replies forAna = Replies.of(ana.ctx());
        Replies forBen = Replies.of(ben.ctx());
        forAna.send(ana.ctx(), "ack ana");
        forBen.send(ben.ctx(), "ack ben");

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
        replies.send(gone.ctx(), "ack gone 1");
        replies.send(ben.ctx(), "ack ben 1");
        replies.send(gone.ctx(), "ack gone 2");
        replies.send(ben.ctx(), "ack ben 2");
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
            replies.send(agent.ctx(), made.get(made.size() - 1));
        }

        agent.channel.runPendingTasks();

        assertThat(agent.sent()).containsExactlyElementsOf(made);
        assertThat(agent.flushes).isEqualTo(1);
    }
}
