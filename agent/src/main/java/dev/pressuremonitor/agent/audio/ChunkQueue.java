package dev.pressuremonitor.agent.audio;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Between a capture thread and a recogniser thread. Live capture must never wait for a slow recogniser (the
 * device would overflow and drop audio silently), so {@link #offerLive} drops the oldest chunk and counts it;
 * file input can wait, so {@link #put} blocks instead and loses nothing.
 */
public final class ChunkQueue {
    private final BlockingQueue<AudioChunk> queue;
    private final AtomicLong dropped = new AtomicLong();

    public ChunkQueue(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    public void offerLive(AudioChunk chunk) {
        while (!queue.offer(chunk)) {
            if (queue.poll() != null) dropped.incrementAndGet();
        }
    }

    public void put(AudioChunk chunk) throws InterruptedException {
        queue.put(chunk);
    }

    public BlockingQueue<AudioChunk> queue() {
        return queue;
    }

    /** Chunks live capture had to drop because the recogniser fell behind. */
    public long dropped() {
        return dropped.get();
    }
}
