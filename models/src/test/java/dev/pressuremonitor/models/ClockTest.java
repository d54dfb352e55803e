package dev.pressuremonitor.models;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClockTest {
    @Test
    void countsLikeARunningClockSoEveryViewShowsTheSameSecond() {
        assertThat(Clock.format(10.6)).isEqualTo("0:10");
        assertThat(Clock.format(36.99)).isEqualTo("0:36");
        assertThat(Clock.format(234.5)).isEqualTo("3:54");
        assertThat(Clock.format(3600)).isEqualTo("60:00");
    }

    @Test
    void beforeTheCallOrWithoutATimeItReadsZero() {
        assertThat(Clock.format(-2)).isEqualTo("0:00");
        assertThat(Clock.format(Double.NaN)).isEqualTo("0:00");
    }
}
