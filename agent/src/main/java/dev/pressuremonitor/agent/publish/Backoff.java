package dev.pressuremonitor.agent.publish;

import java.time.Duration;

/**
 * How long the agent waits before trying the server again: the first wait, doubled after each failure up to a
 * ceiling, plus up to a quarter more at random so that agents cut off together do not all come back at once. A
 * connection that succeeds starts it over. Used from one thread.
 */
final class Backoff {
    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration first, Duration max) {
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = firstMillis;
    }

    /** The wait before the next attempt; {@code random} is a draw from [0, 1). */
    long nextDelayMillis(double random) {
        long base = nextMillis;
        nextMillis = Math.min(base * 2, maxMillis);
        return base + (long) (random * (base / 4 + 1));
    }

    void reset() {
        nextMillis = firstMillis;
    }
}
