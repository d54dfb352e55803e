package dev.pressuremonitor.models;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * What a page sends to mark a moment of a call ({@code POST /api/calls/{id}/feedback}): {@code kind}, and exactly
 * one of {@code alert} (for not_pressure and confirmed), {@code line}, or {@code from} and {@code to} (for missed,
 * with its {@code category}). Fields that do not apply are left out.
 */
public record MarkRequest(FeedbackMark.Kind kind, Long alert, Category category, Long line, Double from, Double to) {
    private static final Set<String> FIELDS = Set.of("kind", "alert", "category", "line", "from", "to");

    public MarkRequest {
        Require.nonNull(kind, "kind");
        if (kind == FeedbackMark.Kind.MISSED) {
            if (category == null) throw new IllegalArgumentException("missing field 'category': which pressure was missed (PITCH, CLOSE, URGENCY, CHASE, COUNTER or DEFEND)");
            if (!category.isPressure()) throw new IllegalArgumentException("field 'category' must be a pressure category (PITCH, CLOSE, URGENCY, CHASE, COUNTER or DEFEND), was " + category);
            if (alert != null) throw new IllegalArgumentException("field 'alert' is for not_pressure and confirmed; a missed mark names a 'line' or 'from' and 'to'");
            boolean stretch = from != null || to != null;
            if ((line == null) != stretch) throw new IllegalArgumentException("a missed mark names either a transcript 'line' or a stretch 'from' and 'to' (seconds), one of the two");
            if (stretch) {
                if (from == null || to == null) throw new IllegalArgumentException("a stretch needs both 'from' and 'to' (seconds into the call)");
                Require.callTime(from, "from");
                Require.callTime(to, "to");
                if (to <= from) throw new IllegalArgumentException("field 'to' must be after 'from', was " + from + " to " + to);
            }
        } else {
            if (alert == null) throw new IllegalArgumentException("missing field 'alert': the id of the nudge being marked");
            if (category != null || line != null || from != null || to != null) {
                throw new IllegalArgumentException("a " + kind.wire() + " mark names only its 'alert'; the category, words and times are the alert's own");
            }
        }
    }

    public static MarkRequest alert(FeedbackMark.Kind kind, long alert) {
        return new MarkRequest(kind, alert, null, null, null, null);
    }

    public static MarkRequest missedLine(Category category, long line) {
        return new MarkRequest(FeedbackMark.Kind.MISSED, null, category, line, null, null);
    }

    public static MarkRequest missedStretch(Category category, double from, double to) {
        return new MarkRequest(FeedbackMark.Kind.MISSED, null, category, null, from, to);
    }

    /** The request body; errors name the field and say what it takes. */
    public static MarkRequest parse(String json) throws DecodeException {
        JsonNode n = Json.readTree(json);
        if (!n.isObject()) throw new DecodeException("expected a JSON object like {\"kind\": \"not_pressure\", \"alert\": 12}");
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) throw new DecodeException("unknown field '" + f + "' (known: kind, alert, category, line, from, to)");
        }
        try {
            String kind = text(n, "kind");
            if (kind == null) throw new DecodeException("missing field 'kind': not_pressure, confirmed or missed");
            String category = text(n, "category");
            Category c = null;
            if (category != null) {
                try {
                    c = Category.valueOf(category);
                } catch (IllegalArgumentException e) {
                    throw new DecodeException("field 'category' must be PITCH, CLOSE, URGENCY, CHASE, COUNTER or DEFEND, was '" + category + "'");
                }
            }
            return new MarkRequest(FeedbackMark.Kind.ofWire(kind), whole(n, "alert"), c, whole(n, "line"), number(n, "from"), number(n, "to"));
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new DecodeException("field '" + field + "' must be a string");
        return v.textValue();
    }

    private static Long whole(JsonNode n, String field) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) throw new DecodeException("field '" + field + "' must be a whole number >= 0 (an id from the call's feedback)");
        return v.longValue();
    }

    private static Double number(JsonNode n, String field) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw new DecodeException("field '" + field + "' must be a number of seconds into the call");
        return v.doubleValue();
    }
}
