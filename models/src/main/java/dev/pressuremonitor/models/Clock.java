package dev.pressuremonitor.models;

/**
 * The one way a moment in a call is written, in the terminal, the overlay and every report: minutes and
 * seconds since the call started, counted like a running clock (10.9 s is still 0:10). The overlay's script
 * follows the same rule.
 */
public final class Clock {
    private Clock() {}

    /** {@code m:ss}; negative or missing times read 0:00. */
    public static String format(double seconds) {
        long s = Double.isFinite(seconds) && seconds > 0 ? (long) Math.floor(seconds) : 0;
        return s / 60 + ":" + (s % 60 < 10 ? "0" : "") + s % 60;
    }
}
