package dev.pressuremonitor.models;

/**
 * What a rule detects. The six pressure categories come from the old-mindset column of the mindset chart;
 * TRUST counts the other way; OBJECTION and VALUE_CHALLENGE are things the prospect says that give the
 * rep's next words their context (countering or defending only exists after one of them).
 */
public enum Category {
    PITCH(Kind.PRESSURE),
    CLOSE(Kind.PRESSURE),
    URGENCY(Kind.PRESSURE),
    CHASE(Kind.PRESSURE),
    COUNTER(Kind.PRESSURE),
    DEFEND(Kind.PRESSURE),
    TRUST(Kind.TRUST),
    OBJECTION(Kind.PROSPECT_SIGNAL),
    VALUE_CHALLENGE(Kind.PROSPECT_SIGNAL);

    public enum Kind { PRESSURE, TRUST, PROSPECT_SIGNAL }

    private final Kind kind;

    Category(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPressure() {
        return kind == Kind.PRESSURE;
    }

    /** The pressure categories in chart order. */
    public static java.util.List<Category> pressure() {
        return java.util.List.of(PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND);
    }
}
