package dev.pressuremonitor.models;

/** Field checks for record constructors; messages name the wire field so a decode error says what to fix. */
final class Require {
    private Require() {}

    static <T> T nonNull(T value, String field) {
        if (value == null) throw new IllegalArgumentException("missing field '" + field + "'");
        return value;
    }

    static void nonBlank(String value, String field) {
        nonNull(value, field);
        if (value.isBlank()) throw new IllegalArgumentException("field '" + field + "' must not be blank");
    }

    /** One of the six pressure categories (not TRUST or a prospect's signal). */
    static void pressure(Category value, String field) {
        nonNull(value, field);
        if (!value.isPressure()) throw new IllegalArgumentException("field '" + field + "' must be a pressure category, was " + value);
    }

    static void finite(double value, String field) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("field '" + field + "' must be a finite number");
    }

    /** Longest call the wire accepts, in seconds: a day. */
    static final double MAX_CALL_SECONDS = 24 * 3600;

    /** Seconds into a call: from 0 to a day (1e308 would render as nonsense in every report). */
    static void callTime(double value, String field) {
        nonNegative(value, field);
        if (value > MAX_CALL_SECONDS) {
            throw new IllegalArgumentException("field '" + field + "' must be at most " + (long) MAX_CALL_SECONDS
                    + " (seconds into the call; a call lasts at most a day), was " + value);
        }
    }

    static void nonNegative(double value, String field) {
        finite(value, field);
        if (value < 0) throw new IllegalArgumentException("field '" + field + "' must be >= 0, was " + value);
    }
}
