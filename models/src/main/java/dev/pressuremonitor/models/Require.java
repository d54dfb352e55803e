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

    static void finite(double value, String field) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("field '" + field + "' must be a finite number");
    }

    static void nonNegative(double value, String field) {
        finite(value, field);
        if (value < 0) throw new IllegalArgumentException("field '" + field + "' must be >= 0, was " + value);
    }
}
