package dev.pressuremonitor.server.overlay;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Messages waiting for one overlay client whose connection cannot take more right now. Bounded: a slow or
 * stalled browser loses its oldest messages, never the server's memory or other clients' speed. Metrics are
 * coalesced: only the newest snapshot waits, since an older one is worthless once a newer exists.
 * Used from one thread (the client's event loop).
 */
public final class OutboundBuffer {
    private final int capacity;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private byte[] latestMetrics;
    private long dropped;

    public OutboundBuffer(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
        this.capacity = capacity;
    }

    /** Queues a message; {@code coalescable} ones replace the previous coalescable message instead of queueing. */
    public void offer(byte[] message, boolean coalescable) {
        if (coalescable) {
            if (latestMetrics != null) dropped++;
            latestMetrics = message;
            return;
        }
        if (queue.size() >= capacity) {
            queue.removeFirst();
            dropped++;
        }
        queue.addLast(message);
    }

    /** The next message to send, queued messages first and the coalesced snapshot last; null when empty. */
    public byte[] poll() {
        byte[] m = queue.pollFirst();
        if (m != null) return m;
        m = latestMetrics;
        latestMetrics = null;
        return m;
    }

    public boolean isEmpty() {
        return queue.isEmpty() && latestMetrics == null;
    }

    public int size() {
        return queue.size() + (latestMetrics == null ? 0 : 1);
    }

    /** Messages this client never got: overflowed or superseded. */
    public long dropped() {
        return dropped;
    }
}
