package dev.pressuremonitor.server.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The event rate an agent may keep up, on the limiter's own clock (nanoseconds passed in, no waiting). */
class RateLimiterTest {
    static final long SECOND = 1_000_000_000L;

    private static int taken(RateLimiter r, long at, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) if (r.tryTake(at)) n++;
        return n;
    }

    @Test
    void aConnectionMayBurstTwiceItsRatePerSecond() {
        RateLimiter r = new RateLimiter(5, 0);
        assertThat(taken(r, 0, 20)).isEqualTo(10);
    }

    @Test
    void theAllowanceComesBackAtTheRate() {
        RateLimiter r = new RateLimiter(5, 0);
        taken(r, 0, 10);
        assertThat(r.tryTake(SECOND / 10)).as("a tenth of a second: half an event").isFalse();
        assertThat(r.tryTake(SECOND / 5)).as("a fifth of a second: one event").isTrue();
        assertThat(r.tryTake(SECOND / 5)).isFalse();
        assertThat(taken(r, SECOND / 5 + SECOND, 20)).as("one more second: five events").isEqualTo(5);
    }

    @Test
    void anAgentSendingAtTheRateIsNeverCutOffInAnHourLongCall() {
        RateLimiter r = new RateLimiter(5, 0);
        for (long t = 0; t < 3600 * SECOND; t += SECOND / 5) assertThat(r.tryTake(t)).as("at %d ns", t).isTrue();
    }

    @Test
    void anAgentThatKeepsGoingOverTheRateIsCutOff() {
        RateLimiter r = new RateLimiter(5, 0);
        boolean refused = false;
        for (long t = 0; t < 60 * SECOND && !refused; t += SECOND / 6) refused = !r.tryTake(t);
        assertThat(refused).isTrue();
    }

    @Test
    void aLongSilenceSavesNoMoreThanOneBurst() {
        RateLimiter r = new RateLimiter(5, 0);
        taken(r, 0, 10);
        assertThat(taken(r, 600 * SECOND, 20)).isEqualTo(10);
    }

    @Test
    void oneTokensConnectionsShareItsBucketAndOtherTokensHaveTheirOwn() {
        TokenRates rates = new TokenRates(5);
        long now = System.nanoTime() + SECOND; // past the buckets' creation: they start full, so no refill matters
        assertThat(taken(rates.forToken("hash-a"), now, 6)).isEqualTo(6);
        assertThat(taken(rates.forToken("hash-a"), now, 6)).as("a second connection of the same token").isEqualTo(4);
        assertThat(taken(rates.forToken("hash-b"), now, 20)).as("another token").isEqualTo(10);
        assertThat(taken(rates.forConnection(), now, 20)).as("a tokenless local connection").isEqualTo(10);
        assertThat(rates.perSecond()).isEqualTo(5);
    }
}
