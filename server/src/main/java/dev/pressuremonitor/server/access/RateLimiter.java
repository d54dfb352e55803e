package dev.pressuremonitor.server.access;

/**
 * A token bucket: {@code perSecond} events a second on average, bursts up to twice that. Thread-safe: a token's
 * connections may sit on different event loops.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long last;

    public RateLimiter(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = perSecond * 2.0;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    public synchronized boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) / 1e9 * perSecond);
        last = nowNanos;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
