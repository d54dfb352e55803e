package dev.pressuremonitor.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The project's one JSON codec. Strict on input: unknown fields, missing fields, wrong types and trailing
 * garbage are errors whose message names the field.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    static {
        // Hostile input: bound nesting and number size well below Jackson's generous defaults.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(64)
                .maxStringLength(1 << 20)
                .build());
    }

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode readTree(String text) throws DecodeException {
        if (text == null || text.isBlank()) throw new DecodeException("empty input: expected a JSON object");
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DecodeException(describe(e), e);
        }
    }

    public static <T> T read(String text, Class<T> type) throws DecodeException {
        if (text == null || text.isBlank()) throw new DecodeException("empty input: expected a JSON object");
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new DecodeException(describe(e), e);
        }
    }

    public static <T> T convert(JsonNode node, Class<T> type) throws DecodeException {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new DecodeException(describe(e), e);
        }
    }

    /** Turns Jackson's messages into one line that names the field and says what was expected. */
    static String describe(Exception e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + path(u, u.getPropertyName()) + "'";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            String where = parentPath(v);
            return (where.isEmpty() ? "" : "in '" + where + "': ") + v.getCause().getMessage();
        }
        if (e instanceof JsonMappingException m) {
            String msg = m.getOriginalMessage();
            String where = m.getPath().isEmpty() ? "" : "field '" + pathOf(m) + "': ";
            if (msg != null && msg.contains("issing") && msg.contains("creator property")) {
                int a = msg.indexOf('\''), b = msg.indexOf('\'', a + 1);
                String field = a >= 0 && b > a ? msg.substring(a + 1, b) : "?";
                String full = pathOf(m);
                // Jackson versions differ on whether the path already ends with the missing property
                boolean endsWithField = full.equals(field) || full.endsWith("." + field);
                return "missing field '" + (endsWithField ? full : full.isEmpty() ? field : full + "." + field) + "'";
            }
            return where + firstLine(msg);
        }
        if (e instanceof JsonProcessingException p) {
            var loc = p.getLocation();
            return "malformed JSON" + (loc != null ? " at column " + loc.getColumnNr() : "") + ": " + firstLine(p.getOriginalMessage());
        }
        return firstLine(e.getMessage());
    }

    private static String path(JsonMappingException m, String leaf) {
        String parent = parentPath(m);
        return parent.isEmpty() ? leaf : parent + "." + leaf;
    }

    private static String parentPath(JsonMappingException m) {
        var refs = m.getPath();
        if (refs.isEmpty()) return "";
        return joinRefs(refs.subList(0, refs.size() - 1));
    }

    private static String pathOf(JsonMappingException m) {
        return joinRefs(m.getPath());
    }

    private static String joinRefs(java.util.List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (var r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid input";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
