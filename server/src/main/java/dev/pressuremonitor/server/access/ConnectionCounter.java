package dev.pressuremonitor.server.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Open connections per token, so one leaked or misused token cannot hold the server's connections. */
public final class ConnectionCounter {
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    /** Counts one more connection for {@code key}; false (and nothing counted) when it already has {@code max}. */
    public boolean tryAcquire(String key, int max) {
        AtomicInteger n = open.computeIfAbsent(key, k -> new AtomicInteger());
        while (true) {
            int cur = n.get();
            if (cur >= max) return false;
            if (n.compareAndSet(cur, cur + 1)) return true;
        }
    }

    public void release(String key) {
        AtomicInteger n = open.get(key);
        if (n != null) n.decrementAndGet();
    }
}
