package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Severity;

/**
 * How chatty live nudges are. Users of live coaching tools complain first about too many alerts, so even
 * OFTEN keeps a cooldown and a budget.
 *
 * @param minSeverity       weaker alerts are recorded for the summary but not shown live
 * @param cooldownSeconds   after a nudge, the same category stays quiet this long
 * @param perMinute         at most this many nudges in any 60 seconds
 */
public enum Frequency {
    RARE(Severity.MEDIUM, 120, 1),
    NORMAL(Severity.LOW, 45, 2),
    OFTEN(Severity.LOW, 15, 4);

    private final Severity minSeverity;
    private final double cooldownSeconds;
    private final int perMinute;

    Frequency(Severity minSeverity, double cooldownSeconds, int perMinute) {
        this.minSeverity = minSeverity;
        this.cooldownSeconds = cooldownSeconds;
        this.perMinute = perMinute;
    }

    public Severity minSeverity() {
        return minSeverity;
    }

    public double cooldownSeconds() {
        return cooldownSeconds;
    }

    public int perMinute() {
        return perMinute;
    }
}
