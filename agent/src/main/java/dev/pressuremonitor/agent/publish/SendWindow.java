package dev.pressuremonitor.agent.publish;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which waiting events go out next on a connection: in order from the first one the server has not acknowledged,
 * at most {@code inFlight} unacknowledged on the wire, and at most {@code perSecond} sent in any one-second window.
 * A backlog after a reconnect thus drains steadily under the server's rate limit instead of tripping it. Plain
 * logic, used from the client's event loop only.
 */
final class SendWindow {
    private static final long SECOND = 1_000_000_000L;

    private final int inFlightMax;
    private final int perSecond;
    private final Set<String> onTheWire = new HashSet<>();
    private long windowStart;
    private int sentInWindow;

    SendWindow(int inFlightMax, int perSecond) {
        if (inFlightMax < 1 || perSecond < 1) throw new IllegalArgumentException("window and pace must be at least 1");
        this.inFlightMax = inFlightMax;
        this.perSecond = perSecond;
    }

    /** A new connection: nothing of ours is on it. */
    void reset(long nowNanos) {
        onTheWire.clear();
        windowStart = nowNanos;
        sentInWindow = 0;
    }

    /** The events to send now, oldest first; they count as on the wire until {@link #answered} or {@link #resendLater}. */
    List<Outbox.Item> next(Outbox outbox, long nowNanos) {
        if (nowNanos - windowStart >= SECOND) {
            windowStart = nowNanos;
            sentInWindow = 0;
        }
        int budget = Math.min(perSecond - sentInWindow, inFlightMax - onTheWire.size());
        if (budget <= 0) return List.of();
        List<Outbox.Item> out = outbox.pending(budget, i -> onTheWire.contains(key(i.callId(), i.seq())));
        for (Outbox.Item i : out) onTheWire.add(key(i.callId(), i.seq()));
        sentInWindow += out.size();
        return out;
    }

    /** How long until {@link #next} may send again because this second's allowance is used up; 0 when it is not. */
    long pausedFor(long nowNanos) {
        return sentInWindow >= perSecond ? Math.max(1, windowStart + SECOND - nowNanos) : 0;
    }

    /** The server acknowledged (or refused for good) this event. */
    void answered(String callId, long seq) {
        onTheWire.remove(key(callId, seq));
    }

    /** The server asked for this event again: {@link #next} sends it, in order, when its turn comes. */
    void resendLater(String callId, long seq) {
        onTheWire.remove(key(callId, seq));
    }

    private static String key(String callId, long seq) {
        return callId + "#" + seq;
    }
}
