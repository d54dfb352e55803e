package dev.pressuremonitor.server.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One event-rate bucket per token, shared by all of that token's connections and kept across reconnects: closing
 * a connection that went over the rate and opening a new one does not refill it.
 */
public final class TokenRates {
    private final int perSecond;
    private final Map<String, RateLimiter> buckets = new ConcurrentHashMap<>();

    public TokenRates(int perSecond) {
        this.perSecond = perSecond;
    }

    /** The bucket of the token whose hash is {@code tokenHash}. */
    public RateLimiter forToken(String tokenHash) {
        return buckets.computeIfAbsent(tokenHash, k -> new RateLimiter(perSecond, System.nanoTime()));
    }

    /** A bucket of its own, for a connection of the local, tokenless server. */
    public RateLimiter forConnection() {
        return new RateLimiter(perSecond, System.nanoTime());
    }

    public int perSecond() {
        return perSecond;
    }
}
