package dev.pressuremonitor.agent.detect;

/**
 * The gauge: a 0-100 rolling index. Each pressure alert adds its weight, each trust signal takes some away, and
 * both fade with a half-life, so the gauge shows the last few minutes rather than the whole call.
 */
public final class PressureIndex {
    static final double HALF_LIFE_SECONDS = 90;
    /** Load at which the gauge reads about 63. */
    static final double SCALE = 3.0;
    static final double TRUST_RELIEF = 0.5;

    private double load;
    private double at;

    public void pressure(double time, double weight) {
        decayTo(time);
        load += weight;
    }

    public void trust(double time) {
        decayTo(time);
        load = Math.max(0, load - TRUST_RELIEF);
    }

    /** The gauge at {@code time}, plus {@code extra} load from metric warnings that hold right now. */
    public int value(double time, double extra) {
        double l = decayed(time) + extra;
        return (int) Math.round(100 * (1 - Math.exp(-l / SCALE)));
    }

    private void decayTo(double time) {
        load = decayed(time);
        at = Math.max(at, time);
    }

    private double decayed(double time) {
        double dt = time - at;
        if (dt <= 0) return load;
        return load * Math.pow(0.5, dt / HALF_LIFE_SECONDS);
    }
}
