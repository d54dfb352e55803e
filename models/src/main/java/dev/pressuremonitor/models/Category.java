package dev.pressuremonitor.models;

/**
 * What a rule detects. The six pressure categories come from the old-mindset column of the mindset chart;
 * TRUST counts the other way; OBJECTION, VALUE_CHALLENGE and ASKED are things the prospect says that give the
 * rep's next words their context (countering or defending only exists after an objection or a challenge; talking
 * about us after the prospect asked about us is an answer, not a pitch).
 */
public enum Category {
    PITCH(Kind.PRESSURE, "Pitching before asking"),
    CLOSE(Kind.PRESSURE, "Pushing to close"),
    URGENCY(Kind.PRESSURE, "Making up urgency"),
    CHASE(Kind.PRESSURE, "Chasing the prospect"),
    COUNTER(Kind.PRESSURE, "Arguing with the objection"),
    DEFEND(Kind.PRESSURE, "Defending the price"),
    TRUST(Kind.TRUST, "Building trust"),
    OBJECTION(Kind.PROSPECT_SIGNAL, "Prospect objected"),
    VALUE_CHALLENGE(Kind.PROSPECT_SIGNAL, "Prospect questioned the value"),
    ASKED(Kind.PROSPECT_SIGNAL, "Prospect asked about us");

    public enum Kind { PRESSURE, TRUST, PROSPECT_SIGNAL }

    private final Kind kind;
    private final String plainWords;

    Category(Kind kind, String plainWords) {
        this.kind = kind;
        this.plainWords = plainWords;
    }

    /** What a rep or manager reads (the code, e.g. COUNTER, is for the API): "Arguing with the objection". */
    public String plainWords() {
        return plainWords;
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
