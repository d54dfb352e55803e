package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.Envelope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SendWindowTest {
    static final long SECOND = 1_000_000_000L;

    static Outbox waiting(int n) {
        Outbox o = Outbox.inMemory(100);
        for (long seq = 1; seq <= n; seq++) o.add(new Envelope("c", seq, seq, new CallEnded(seq, "x")), "{" + seq + "}");
        return o;
    }

    static List<Long> seqs(List<Outbox.Item> items) {
        return items.stream().map(Outbox.Item::seq).toList();
    }

    @Test
    void sendsNoMoreThanItsPaceInOneSecond() {
        SendWindow w = new SendWindow(100, 3);
        Outbox o = waiting(10);
        w.reset(0);
        assertThat(seqs(w.next(o, 0))).containsExactly(1L, 2L, 3L);
        assertThat(w.next(o, SECOND / 2)).isEmpty();
        assertThat(w.pausedFor(SECOND / 2)).isEqualTo(SECOND / 2);
        assertThat(seqs(w.next(o, SECOND))).containsExactly(4L, 5L, 6L);
    }

    @Test
    void keepsNoMoreThanItsWindowUnacknowledged() {
        SendWindow w = new SendWindow(2, 100);
        Outbox o = waiting(5);
        w.reset(0);
        assertThat(seqs(w.next(o, 0))).containsExactly(1L, 2L);
        assertThat(w.next(o, 1)).isEmpty();
        o.ack("c", 1);
        w.answered("c", 1);
        assertThat(seqs(w.next(o, 2))).containsExactly(3L);
    }

    @Test
    void anEventTheServerAskedForAgainGoesBeforeLaterOnes() {
        SendWindow w = new SendWindow(3, 100);
        Outbox o = waiting(5);
        w.reset(0);
        assertThat(seqs(w.next(o, 0))).containsExactly(1L, 2L, 3L);
        o.ack("c", 1);
        w.answered("c", 1);
        w.resendLater("c", 2);
        assertThat(seqs(w.next(o, 1))).containsExactly(2L, 4L);
    }

    @Test
    void aNewConnectionStartsFromTheFirstUnacknowledgedEvent() {
        SendWindow w = new SendWindow(100, 100);
        Outbox o = waiting(4);
        w.reset(0);
        w.next(o, 0);
        o.ack("c", 1);
        w.answered("c", 1);
        w.reset(SECOND); // reconnected: 2, 3 and 4 may never have arrived
        assertThat(seqs(w.next(o, SECOND))).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aWindowAndPaceOfOneSendOneEventAtATime() {
        SendWindow w = new SendWindow(1, 1);
        Outbox o = waiting(3);
        w.reset(0);
        assertThat(seqs(w.next(o, 0))).containsExactly(1L);
        o.ack("c", 1);
        w.answered("c", 1);
        assertThat(seqs(w.next(o, SECOND))).containsExactly(2L);
    }

    @Test
    void aWindowOrPaceOfNothingIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SendWindow(0, 10)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SendWindow(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
