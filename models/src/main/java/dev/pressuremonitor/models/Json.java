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
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

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
            // numbers with a fraction (an alert's start and end) read straight from the parser's characters, as exactly
            // as the JDK reads them but without a String and a buffer per number (2% of a busy server's allocation)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            // text only in double quotes: a number read into text keeps its spelling when read token by token (1e2)
            // but is respelt when read through a tree (100.0), so the two readings of one stored event would differ
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("text").addDeserializer(String.class, new Text()))
            .build();

    /**
     * Text as read anywhere: refused when it holds the character U+0000, which PostgreSQL cannot keep in a text
     * column (an alert's phrase with one failed the store's whole batch, other agents' events included, at every resend),
     * or half of a surrogate pair (\\ud800 alone), which is no character: encoded for the database it became '?', so a report's
     * moments showed other words than the event acknowledged.
     */
    private static final class Text extends com.fasterxml.jackson.databind.deser.std.StringDeserializer {
        @Override
        public String deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
                throws java.io.IOException {
            String s = super.deserialize(p, ctxt);
            String fault = s == null ? null : textFault(s);
            return fault == null ? s : ctxt.reportInputMismatch(this, fault);
        }
    }

    /**
     * Why a text cannot be taken, or null if it can: it holds U+0000, or half of a surrogate pair ({@link Text} says
     * why each is refused). Every reading of text checks it, so none takes what another refuses.
     */
    static String textFault(String s) {
        if (s.indexOf('\0') >= 0) return "text may not contain the character U+0000 (\\u0000): remove it";
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(java.util.Locale.ROOT, "text holds half of a UTF-16 surrogate pair (\\u%04x) with no other half: send whole characters", (int) c);
            }
        }
        return null;
    }

    static {
        // Hostile input: bound nesting and number size well below Jackson's generous defaults.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(64)
                .maxStringLength(1 << 20)
                .build());
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']*)'");

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
            var loc = e.getLocation();
            throw new DecodeException(describe(e), e, loc == null ? -1 : loc.getLineNr());
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

    /**
     * As {@link #read(String, Class)} from UTF-8 bytes, as a database hands back a text column: no String of the
     * whole text is made first (summaries read every stored event of each call that ends).
     */
    public static <T> T read(byte[] utf8, Class<T> type) throws DecodeException {
        if (utf8 == null || blank(utf8)) throw new DecodeException("empty input: expected a JSON object");
        try {
            return MAPPER.readValue(utf8, type);
        } catch (JsonProcessingException e) {
            throw new DecodeException(describe(e), e);
        } catch (java.io.IOException e) {
            throw new DecodeException(e.getMessage(), e); // not from an array in memory; for the compiler
        }
    }

    private static boolean blank(byte[] utf8) {
        for (byte b : utf8) if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return false;
        return true;
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
            String where = pathOf(v);
            return (where.isEmpty() ? "" : "in '" + where + "': ") + v.getCause().getMessage();
        }
        if (e instanceof JsonMappingException m) {
            String msg = m.getOriginalMessage();
            String where = m.getPath().isEmpty() ? "" : "field '" + pathOf(m) + "': ";
            if (msg != null && msg.contains("issing") && msg.contains("creator property")) {
                java.util.regex.Matcher quoted = QUOTED.matcher(msg);
                String field = quoted.find() ? quoted.group(1) : "?";
                String full = pathOf(m);
                // Jackson versions differ on whether the path already ends with the missing property
                boolean endsWithField = full.equals(field) || full.endsWith("." + field);
                return "missing field '" + (endsWithField ? full : full.isEmpty() ? field : full + "." + field) + "'";
            }
            if (msg != null && msg.startsWith("Cannot coerce") && m instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi
                    && mi.getTargetType() == String.class) {
                return where + "expected text in double quotes, found " + (msg.contains("Boolean") ? "true or false" : "a number");
            }
            // found while reading the text, though reported as mapping faults: say so in the same words as the rest
            if (msg != null && (msg.startsWith("Duplicate field") || msg.startsWith("Trailing token"))) return "malformed JSON" + where(m) + ": " + syntax(m);
            return where + firstLine(msg);
        }
        if (e instanceof JsonProcessingException p) {
            return "malformed JSON" + where(p) + ": " + syntax(p);
        }
        return firstLine(e.getMessage());
    }

    /** " at column C" on a one-line input, " at line L, column C" past its first line. */
    static String where(JsonProcessingException p) {
        var loc = p.getLocation();
        if (loc == null || loc.getColumnNr() < 1) return "";
        return loc.getLineNr() > 1 ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : " at column " + loc.getColumnNr();
    }

    /** What is wrong with the text, in words a person editing the file understands (never the parser's internals). */
    static String syntax(JsonProcessingException p) {
        String m = p.getOriginalMessage() == null ? "" : p.getOriginalMessage();
        String found = quoted(m);
        if (m.startsWith("Unexpected end-of-input")) {
            if (m.contains("closing quote")) return "the text ends inside a string: a closing double quote is missing";
            if (m.contains("Array")) return "the text ends before the array is closed: a ']' is missing";
            return "the text ends before the object is closed: a '}' is missing";
        }
        if (m.startsWith("Unrecognized token")) {
            return "unexpected text '" + found + "' where a value belongs (strings need double quotes; true, false and null are lower case)";
        }
        if (m.contains("double-quote to start field name")) {
            if ("}".equals(found)) return "a comma before '}' (remove the trailing comma)";
            if ("'".equals(found)) return "field names need double quotes, not single quotes";
            if (found != null && !found.isEmpty() && Character.isDigit(found.charAt(0))) {
                return "a number continues after a comma (a decimal comma such as 0,66? write 0.66)";
            }
            return "expected a field name in double quotes, found '" + found + "'";
        }
        if (m.contains("comma to separate Object entries")) return "expected ',' or '}' after a value, found '" + found + "'";
        if (m.contains("comma to separate Array entries")) return "expected ',' or ']' after a value, found '" + found + "'";
        if (m.contains("Trailing token")) return "more text after the JSON value ends";
        if (m.contains("Unexpected close marker")) return "a closing '" + found + "' that matches nothing";
        if (m.contains("control character") || m.contains("Illegal unquoted character")) return "a raw line break or control character inside a string (write it as \\n)";
        if (m.contains("Unexpected character")) return "unexpected character '" + found + "'";
        if (m.contains("Duplicate field")) return "field '" + quoted(m) + "' appears twice";
        if (m.contains("nesting depth")) return "nested too deeply (the nesting depth is limited to 64 levels)";
        if (m.contains("exceeds the maximum")) return "a number or string is too long";
        // the rest: the parser's first sentence, never its location or source text
        String first = firstLine(m);
        int cut = first.indexOf(" at [Source");
        if (cut >= 0) first = first.substring(0, cut);
        cut = first.indexOf(" (start marker");
        return cut >= 0 ? first.substring(0, cut) : first;
    }

    /** The character or token Jackson quotes in its message: ('x' (code ...)) or 'tok'. */
    private static String quoted(String m) {
        int a = m.indexOf("('");
        if (a >= 0) {
            int b = m.indexOf("' (code", a);
            if (b > a + 2) return m.substring(a + 2, b);
            if (b == a + 2) return "";
        }
        a = m.indexOf('\'');
        int b = a < 0 ? -1 : m.indexOf('\'', a + 1);
        return a >= 0 && b > a ? m.substring(a + 1, b) : null;
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
        return s == null ? "invalid input" : s.lines().findFirst().orElse("");
    }
}
