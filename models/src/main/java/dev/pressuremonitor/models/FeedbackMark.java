package dev.pressuremonitor.models;

/**
 * One person's word on one moment of a call: a nudge that was not pressure, a nudge that was right, or pressure the
 * detector missed (over a transcript line or a stretch of the call). Stored with the call on its team's server.
 *
 * @param id         the mark's id on the server
 * @param alert      the alert's event seq (for not_pressure and confirmed); null for missed
 * @param rule       the rule that raised the alert; null for missed
 * @param category   the alert's category, or the category the marker says was missed
 * @param phrase     the words the rule matched, as heard; null for missed
 * @param line       the transcript line's event seq, for missed over a line; null otherwise
 * @param start      seconds into the call where the marked moment starts
 * @param end        seconds into the call where it ends
 * @param words      what the rep said there, only when the call's transcript was kept; null otherwise
 * @param context    what the prospect said just before, only when the transcript was kept; null otherwise
 * @param markedBy   the rep's name for a rep's mark, "manager" for a team token's
 * @param markedAt   epoch ms
 * @param review     a rep's mark waits for a manager; a manager's own marks are confirmed as they are made
 * @param reviewedAt epoch ms of the manager's review, null while pending
 */
public record FeedbackMark(String id, String callId, String team, String rep, Kind kind, Long alert, String rule, Category category,
                           String phrase, Long line, double start, double end, String words, String context, String markedBy,
                           Role role, long markedAt, Review review, Long reviewedAt) {
    public FeedbackMark {
        Require.nonBlank(id, "id");
        Require.nonBlank(callId, "callId");
        Require.nonNull(team, "team");
        Require.nonNull(rep, "rep");
        Require.nonNull(kind, "kind");
        Require.pressure(category, "category");
        if (kind != Kind.MISSED && alert == null) throw new IllegalArgumentException("missing field 'alert' (a " + kind.wire() + " mark is about an alert)");
        Require.callTime(start, "start");
        Require.callTime(end, "end");
        Require.nonBlank(markedBy, "markedBy");
        Require.nonNull(role, "role");
        Require.nonNull(review, "review");
    }

    /** What the mark says. */
    public enum Kind {
        NOT_PRESSURE, CONFIRMED, MISSED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return wireName(this);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Kind ofWire(String s) {
            return fromWire(Kind.class, s, "kind must be not_pressure, confirmed or missed");
        }
    }

    /** Who marked: the rep whose call it is, or a manager (a team token). */
    public enum Role {
        REP, MANAGER;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return wireName(this);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Role ofWire(String s) {
            return fromWire(Role.class, s, "role must be rep or manager");
        }
    }

    /** A manager's word on a mark. */
    public enum Review {
        PENDING, CONFIRMED, REJECTED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return wireName(this);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Review ofWire(String s) {
            return fromWire(Review.class, s, "review must be pending, confirmed or rejected");
        }
    }

    private static String wireName(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static <E extends Enum<E>> E fromWire(Class<E> type, String s, String choices) {
        for (E e : type.getEnumConstants()) if (wireName(e).equals(s)) return e;
        throw new IllegalArgumentException(choices + ", was '" + s + "'");
    }
}
