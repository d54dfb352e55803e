package dev.pressuremonitor.agent.publish;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How soon an agent tries an unreachable server again. */
class BackoffTest {
    private static Backoff agents() {
        return new Backoff(AgentClient.FIRST_BACKOFF, AgentClient.MAX_BACKOFF);
    }

    @Test
    void theWaitStartsAt200MsAndDoublesUpToFiveSeconds() {
        Backoff b = agents();
        assertThat(IntStream.range(0, 8).mapToLong(i -> b.nextDelayMillis(0)).toArray()).containsExactly(200, 400, 800, 1600, 3200, 5000, 5000, 5000);
    }

    @Test
    void upToAQuarterMoreIsAddedAtRandom() {
        Backoff b = agents();
        assertThat(b.nextDelayMillis(0.999)).isEqualTo(250);
        assertThat(b.nextDelayMillis(0.5)).isEqualTo(400 + 50);
    }

    @Test
    void aSuccessfulConnectionStartsTheWaitOver() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        b.nextDelayMillis(0);
        b.nextDelayMillis(0);
        b.reset();
        assertThat(b.nextDelayMillis(0)).isEqualTo(100);
    }
}
