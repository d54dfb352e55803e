package dev.pressuremonitor.models;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An alert's payload read token by token into its record, in the shape the agent writes it: each field once, text as
 * text, numbers as numbers, the reframe as an object of three texts. An alert is most of what a busy server takes
 * in, and reading it through Jackson's data binding (creator properties gathered in a buffer, a deserializer per
 * field) was a tenth of the server's time on its network threads. Anything in another shape (a field missing, unknown
 * or null, a number given as text, an enum name unknown, a value its record refuses) gives null, and the caller reads
 * the event the strict way, which accepts it as data binding does or names the fault. So this reading accepts a
 * subset of what the strict reading does, and reads each the same ({@code EventCodecTest} holds the two to it).
 */
final class AlertReader {
    private static final Map<String, Category> CATEGORIES = byName(Category.values());
    private static final Map<String, Severity> SEVERITIES = byName(Severity.values());
    private static final Map<String, Speaker> SPEAKERS = byName(Speaker.values());

    private AlertReader() {}

    /**
     * The alert whose object starts at the parser's current token ({), or null; read to its } if it is one. A value
     * of another shape ends the reading at once, so nothing inside it is ever read as if it were the alert's.
     */
    static Alert read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) return null;
        Category category = null;
        Severity severity = null;
        Speaker speaker = null;
        String rule = null, phrase = null;
        // a number missing stays NaN, which the record refuses
        double start = Double.NaN, end = Double.NaN;
        Boolean nudge = null;
        Reframe reframe = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) return null;
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "category" -> {
                    if ((category = named(p, v, CATEGORIES)) == null) return null;
                }
                case "severity" -> {
                    if ((severity = named(p, v, SEVERITIES)) == null) return null;
                }
                case "speaker" -> {
                    if ((speaker = named(p, v, SPEAKERS)) == null) return null;
                }
                case "rule" -> {
                    if ((rule = text(p, v)) == null) return null;
                }
                case "phrase" -> {
                    if ((phrase = text(p, v)) == null) return null;
                }
                case "start" -> {
                    if (!number(v)) return null;
                    start = p.getDoubleValue();
                }
                case "end" -> {
                    if (!number(v)) return null;
                    end = p.getDoubleValue();
                }
                case "nudge" -> {
                    if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) return null;
                    nudge = v == JsonToken.VALUE_TRUE;
                }
                case "reframe" -> {
                    if ((reframe = reframe(p, v)) == null) return null;
                }
                default -> {
                    return null;
                }
            }
        }
        if (category == null || severity == null || speaker == null || rule == null || phrase == null || nudge == null || reframe == null) {
            return null;
        }
        try {
            return new Alert(category, rule, phrase, severity, speaker, start, end, nudge, reframe);
        } catch (IllegalArgumentException refused) {
            return null; // the strict reading gives the record's reason
        }
    }

    private static Reframe reframe(JsonParser p, JsonToken at) throws IOException {
        if (at != JsonToken.START_OBJECT) return null;
        String shift = null, trust = null, ask = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) return null;
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "shift" -> {
                    if ((shift = text(p, v)) == null) return null;
                }
                case "trust" -> {
                    if ((trust = text(p, v)) == null) return null;
                }
                case "ask" -> {
                    if ((ask = text(p, v)) == null) return null;
                }
                default -> {
                    return null;
                }
            }
        }
        if (shift == null || trust == null || ask == null) return null;
        try {
            return new Reframe(shift, trust, ask);
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }

    /** An enum constant given by its exact name, as data binding reads one; null for anything else. */
    private static <E extends Enum<E>> E named(JsonParser p, JsonToken v, Map<String, E> byName) throws IOException {
        return v == JsonToken.VALUE_STRING ? byName.get(p.getText()) : null;
    }

    /** A text value that the strict reading takes as it is; null for any other token, or text it refuses. */
    private static String text(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) return null;
        String s = p.getText();
        return Json.textFault(s) == null ? s : null;
    }

    private static boolean number(JsonToken v) {
        return v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT;
    }

    private static <E extends Enum<E>> Map<String, E> byName(E[] values) {
        return Arrays.stream(values).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));
    }
}
