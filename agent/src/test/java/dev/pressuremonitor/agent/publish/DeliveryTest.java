package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches the server, and when: nothing lost while it is away or restarts, nothing sent twice on one
 * connection, a "retry" sent again after its pause, a refusal reported and not retried, a backlog paced. Driven on a
 * clock the test moves, without sockets.
 */
class DeliveryTest {
    static final long MS = 1_000_000L;
    static final long RETRY_AFTER = 1000 * MS;

    long now;
    long tasksAdded;
    final PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    final List<Runnable> tasks = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final AtomicInteger allAnswered = new AtomicInteger();

    Delivery delivery(Outbox outbox, int perSecond) {
        return new Delivery(outbox, perSecond, RETRY_AFTER, (task, nanos) -> {
            tasks.add(task);
            due.add(new long[] {now + nanos, tasksAdded++});
        }, () -> now, notices::add, allAnswered::incrementAndGet);
    }

    Delivery delivery() {
        return delivery(Outbox.inMemory(100), 100);
    }

    /** Moves the clock on, running what falls due on the way, in order. */
    void advance(long nanos) {
        long until = now + nanos;
        while (!due.isEmpty() && due.peek()[0] <= until) {
            long[] next = due.poll();
            now = next[0];
            tasks.get((int) next[1]).run();
        }
        now = until;
    }

    /** A connection that remembers the seq of each frame sent on it, in order. */
    static final class Wire implements Delivery.Connection {
        final List<Long> sent = new ArrayList<>();

        @Override
        public void send(List<String> frames) {
            for (String f : frames) {
                try {
                    sent.add(EventCodec.decode(f).seq());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    static Envelope event(long seq) {
        return seq == 1 ? new Envelope("c1", 1, 1, new CallStarted("ana", "emea", 1, false))
                : new Envelope("c1", seq, seq, new CallEnded(seq, "hangup"));
    }

    static void publish(Delivery d, long... seqs) {
        for (long seq : seqs) d.publish(event(seq), EventCodec.encode(event(seq)));
    }

    static void ack(Delivery d, long... seqs) {
        for (long seq : seqs) d.reply(AgentReply.ack("c1", seq).toJson());
    }

    @Test
    void whatIsPublishedWhileConnectedGoesOutAtOnceAndIsForgottenWhenConfirmed() {
        Delivery d = delivery();
        Wire wire = new Wire();
        d.connected(wire);
        publish(d, 1, 2);
        assertThat(wire.sent).containsExactly(1L, 2L);
        assertThat(d.waiting()).isEqualTo(2);

        ack(d, 1);
        assertThat(d.waiting()).isEqualTo(1);
        assertThat(allAnswered).hasValue(0);
        ack(d, 2);
        assertThat(d.waiting()).isZero();
        assertThat(allAnswered).hasValue(1);
    }

    @Test
    void whatIsPublishedWhileTheServerIsAwayGoesOutInOrderOnceItIsThere() {
        Delivery d = delivery();
        publish(d, 1, 2, 3);
        assertThat(d.waiting()).isEqualTo(3);

        Wire wire = new Wire();
        d.connected(wire);
        assertThat(wire.sent).containsExactly(1L, 2L, 3L);
    }

    @Test
    void eventsAnEarlierRunLeftCountAsWaitingFromTheStart() {
        Outbox left = Outbox.inMemory(100);
        left.add(event(1), EventCodec.encode(event(1)));
        Delivery d = delivery(left, 100);
        assertThat(d.waiting()).isEqualTo(1);

        Wire wire = new Wire();
        d.connected(wire);
        assertThat(wire.sent).containsExactly(1L);
    }

    @Test
    void afterAServerRestartWhatItHadNotConfirmedIsSentAgainAndNothingElse() {
        Delivery d = delivery();
        Wire before = new Wire();
        d.connected(before);
        publish(d, 1, 2, 3);
        ack(d, 1);
        d.disconnected();
        publish(d, 4);
        assertThat(before.sent).containsExactly(1L, 2L, 3L);

        Wire after = new Wire();
        d.connected(after);
        assertThat(after.sent).containsExactly(2L, 3L, 4L);
    }

    @Test
    void onOneConnectionNothingIsSentTwice() {
        Delivery d = delivery();
        Wire wire = new Wire();
        d.connected(wire);
        publish(d, 1, 2);
        ack(d, 1);
        publish(d, 3);
        advance(5000 * MS);
        assertThat(wire.sent).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anEventTheServerAsksToRetryGoesAgainAfterThePauseAndNotBefore() {
        Delivery d = delivery();
        Wire wire = new Wire();
        d.connected(wire);
        publish(d, 1);
        d.reply(AgentReply.retry("c1", 1, "database busy").toJson());
        assertThat(d.waiting()).as("still kept").isEqualTo(1);

        advance(RETRY_AFTER - 1);
        assertThat(wire.sent).containsExactly(1L);
        advance(1);
        assertThat(wire.sent).containsExactly(1L, 1L);

        ack(d, 1);
        assertThat(d.waiting()).isZero();
    }

    @Test
    void aRetryAskedOnALostConnectionIsNotSentTwiceOnTheNextOne() {
        Delivery d = delivery();
        Wire before = new Wire();
        d.connected(before);
        publish(d, 1);
        d.reply(AgentReply.retry("c1", 1, "database busy").toJson());
        d.disconnected();
        Wire after = new Wire();
        d.connected(after);
        advance(RETRY_AFTER);
        assertThat(before.sent).containsExactly(1L);
        assertThat(after.sent).containsExactly(1L);
    }

    @Test
    void aRefusedEventIsReportedWithTheServersReasonAndNotSentAgain() {
        Delivery d = delivery();
        Wire wire = new Wire();
        d.connected(wire);
        publish(d, 1, 2);
        d.reply(AgentReply.error("c1", 2, "field 'duration' must not be negative").toJson());

        assertThat(d.serverErrors()).containsExactly("field 'duration' must not be negative");
        assertThat(d.refusalOf("c1")).isEqualTo("event 2: field 'duration' must not be negative");
        assertThat(d.refusalOf("c2")).isNull();
        assertThat(d.waiting()).isEqualTo(1);

        d.disconnected();
        Wire after = new Wire();
        d.connected(after);
        assertThat(after.sent).containsExactly(1L);
    }

    @Test
    void aCallKeepsTheFirstReasonItWasRefusedFor() {
        Delivery d = delivery();
        d.connected(new Wire());
        publish(d, 1, 2);
        d.reply(AgentReply.error("c1", 1, null).toJson());
        d.reply(AgentReply.error("c1", 2, "second reason").toJson());
        assertThat(d.refusalOf("c1")).isEqualTo("event 1: no reason given");
        assertThat(d.waiting()).isZero();
        assertThat(allAnswered).hasValue(1);
    }

    @Test
    void aRefusalNamingNoEventIsReportedAndLeavesEveryEventWaiting() {
        Delivery d = delivery();
        d.connected(new Wire());
        publish(d, 1);
        d.reply(AgentReply.error(null, 0, "not JSON: send one event per frame").toJson());
        assertThat(d.serverErrors()).containsExactly("not JSON: send one event per frame");
        assertThat(d.waiting()).isEqualTo(1);
        assertThat(allAnswered).hasValue(0);
    }

    @Test
    void somethingThatIsNotAReplyIsIgnored() {
        Delivery d = delivery();
        d.connected(new Wire());
        publish(d, 1);
        d.reply("{\"hello\":1}");
        assertThat(d.waiting()).isEqualTo(1);
        assertThat(d.serverErrors()).isEmpty();
    }

    @Test
    void whenTheOutboxIsFullTheUserIsToldOnceAndTheEarliestEventsAreKept() {
        Delivery d = delivery(Outbox.inMemory(2), 100);
        publish(d, 1, 2, 3, 4);
        assertThat(d.notKept()).isEqualTo(2);
        assertThat(notices).containsExactly("the server has been out of reach for a while and 2 events are waiting: "
                + "newer events are not kept for it; nudges still show here");

        Wire wire = new Wire();
        d.connected(wire);
        assertThat(wire.sent).containsExactly(1L, 2L);
    }

    @Test
    void aBacklogGoesOutAtItsPaceASecondAtATime() {
        Delivery d = delivery(Outbox.inMemory(100), 3);
        publish(d, 1, 2, 3, 4, 5, 6, 7);
        Wire wire = new Wire();
        d.connected(wire);
        assertThat(wire.sent).containsExactly(1L, 2L, 3L);

        ack(d, 1, 2, 3);
        advance(1000 * MS - 1);
        assertThat(wire.sent).as("this second's allowance is used up").hasSize(3);
        advance(1);
        assertThat(wire.sent).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        ack(d, 4, 5, 6);
        advance(1000 * MS);
        assertThat(wire.sent).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(due).as("nothing more to come back for").isEmpty();
    }

    @Test
    void aPausedBacklogComesBackOnceNotOncePerEvent() {
        Delivery d = delivery(Outbox.inMemory(100), 2);
        Wire wire = new Wire();
        d.connected(wire);
        publish(d, 1, 2, 3, 4, 5);
        assertThat(due).hasSize(1);
        ack(d, 1, 2);
        advance(1000 * MS);
        assertThat(wire.sent).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void eventsHeldBackBecauseTooManyWereUnansweredGoOutAsSoonAsTheServerAnswers() {
        Delivery d = delivery(Outbox.inMemory(100), 2);
        Wire wire = new Wire();
        d.connected(wire);
        publish(d, 1, 2, 3);
        advance(1500 * MS); // a new second: the pace allows more, but two are still unanswered
        assertThat(wire.sent).containsExactly(1L, 2L);
        ack(d, 1);
        assertThat(wire.sent).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aPublishedEventIsOnDiskBeforeItIsSentAndAConfirmationAsSoonAsItArrives(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Outbox outbox = Outbox.open(dir, 100);
        Delivery d = delivery(outbox, 100);
        d.connected(new Wire());
        publish(d, 1, 2);
        try (Outbox afterCrash = Outbox.open(dir, 100)) {
            assertThat(afterCrash.pending()).extracting(Outbox.Item::seq).containsExactly(1L, 2L);
        }
        ack(d, 1);
        try (Outbox afterCrash = Outbox.open(dir, 100)) {
            assertThat(afterCrash.pending()).as("what the server has is not sent again").extracting(Outbox.Item::seq).containsExactly(2L);
        }
        outbox.close();
    }
}
