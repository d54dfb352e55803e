package dev.pressuremonitor.models;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Encodes and decodes {@link Envelope}s as one JSON object:
 * {@code {"type":"alert","callId":"c1","seq":3,"ts":1764300000000,"data":{...}}}.
 */
public final class EventCodec {
    private static final Set<String> ENVELOPE_FIELDS = Set.of("type", "callId", "seq", "ts", "data");

    /** Payload readers for the one-pass decoding: the payload is not the end of the text, so no trailing-token check. */
    private static final java.util.Map<EventType, com.fasterxml.jackson.databind.ObjectReader> PAYLOAD_READERS = new java.util.EnumMap<>(EventType.class);

    static {
        for (EventType t : EventType.values()) {
            PAYLOAD_READERS.put(t, Json.mapper().readerFor(t.payloadClass()).without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        }
    }

    private EventCodec() {}

    public static String encode(Envelope envelope) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", envelope.type().wire());
        node.put("callId", envelope.callId());
        node.put("seq", envelope.seq());
        node.put("ts", envelope.ts());
        node.set("data", Json.mapper().valueToTree(envelope.data()));
        return node.toString();
    }

    /**
     * Strict decoding: anything but a well-formed envelope of a known type with a valid payload is an error that
     * names what was wrong. A well-formed event is read in one pass straight into its records; anything else is read
     * again as a tree, which finds the first fault and says where.
     */
    public static Envelope decode(String text) throws DecodeException {
        return decodeKeepingPayload(text).envelope();
    }

    /**
     * An event as decoded, with the text of its payload (the value of "data") exactly as it arrived: a store can keep
     * that text instead of encoding the payload again. The text is kept as UTF-8 where it lies, from
     * {@code payloadFrom} to {@code payloadTo} of {@code text} (for a frame off the wire, the frame's own bytes: the
     * payload is not copied, neither into a String here nor back into UTF-8 by the database driver). {@code text} is
     * null where the payload's text was not kept (an envelope read the slow way, as a tree).
     */
    public record Decoded(Envelope envelope, byte[] text, int payloadFrom, int payloadTo) {
        /** An event whose payload's text was not kept: a store encodes the payload again. */
        public static Decoded withoutPayload(Envelope envelope) {
            return new Decoded(envelope, null, 0, 0);
        }

        /** An event with its payload's text on its own (the whole of {@code payload}). */
        public static Decoded withPayload(Envelope envelope, String payload) {
            byte[] utf8 = payload.getBytes(StandardCharsets.UTF_8);
            return new Decoded(envelope, utf8, 0, utf8.length);
        }

        /** Whether the payload's text was kept. */
        public boolean keptPayload() {
            return text != null;
        }

        /** The payload's text as it arrived, or null where it was not kept. */
        public String payload() {
            return text == null ? null : new String(text, payloadFrom, payloadTo - payloadFrom, StandardCharsets.UTF_8);
        }

        /** Two are equal when their events and their payloads' texts are, wherever each text lies. */
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Decoded d) || !envelope.equals(d.envelope) || keptPayload() != d.keptPayload()) return false;
            return text == null || java.util.Arrays.equals(text, payloadFrom, payloadTo, d.text, d.payloadFrom, d.payloadTo);
        }

        @Override
        public int hashCode() {
            return envelope.hashCode();
        }

        @Override
        public String toString() {
            return "Decoded[envelope=" + envelope + ", payload=" + payload() + "]";
        }
    }

    /** As {@link #decode(String)}, keeping the payload's text as it arrived where the one-pass reading took it. */
    public static Decoded decodeKeepingPayload(String text) throws DecodeException {
        Decoded quick = decodeInOnePass(text);
        return quick != null ? quick : Decoded.withoutPayload(decodeAsTree(text));
    }

    /**
     * As {@link #decodeKeepingPayload(String)} for an event as it came off the wire, in UTF-8: read from the bytes,
     * so a server need not make a String of the whole frame first (nor encode it again for the overlays).
     */
    public static Decoded decodeKeepingPayload(byte[] utf8) throws DecodeException {
        Decoded quick = decodeInOnePass(utf8);
        return quick != null ? quick : Decoded.withoutPayload(decodeAsTree(new String(utf8, StandardCharsets.UTF_8)));
    }

    /**
     * The envelope read token by token, the payload straight into its record; null whenever anything is amiss
     * (unknown or repeated field, wrong token, trailing text, an invalid payload, the payload before the type):
     * the tree reading then accepts or refuses it and gives the reason. It accepts nothing the tree reading
     * refuses: repeated fields, nesting and length limits and trailing text are checked here too.
     */
    static Decoded decodeInOnePass(String text) {
        if (text == null) return null;
        try (JsonParser p = new UniqueFields(Json.mapper().getFactory().createParser(text))) {
            return readInOnePass(p, false, (env, from, to) -> Decoded.withPayload(env, text.substring(from, to)));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** As {@link #decodeInOnePass(String)} from UTF-8 bytes: the payload's place is counted in bytes, not characters. */
    static Decoded decodeInOnePass(byte[] utf8) {
        if (utf8 == null) return null;
        try (JsonParser p = parser(utf8)) {
            return readInOnePass(p, true, (env, from, to) -> new Decoded(env, utf8, from, to));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A stored payload of the given type from its UTF-8 text, as {@link Json#read(byte[], Class)} reads it: read the
     * one-pass way first ({@link #payloadAt}), and the strict way when that does not take it, which accepts it or
     * names the fault. A summary reads every stored event of its call, and a thousand calls ending together are tens
     * of thousands of alerts read at once.
     */
    public static Event readPayload(EventType type, byte[] utf8) throws DecodeException {
        if (utf8 != null) {
            try (JsonParser p = parser(utf8)) {
                p.nextToken();
                Event e = payloadAt(type, p);
                if (e != null && p.nextToken() == null) return e;
            } catch (java.io.IOException | RuntimeException e) {
                // the strict reading below accepts it or names the fault
            }
        }
        return Json.read(utf8, type.payloadClass());
    }

    /** A parser over UTF-8 that refuses a field given twice, as the strict reading does. */
    private static JsonParser parser(byte[] utf8) throws java.io.IOException {
        return new UniqueFields(Json.mapper().getFactory().createParser(utf8));
    }

    /**
     * The payload whose object starts at the parser's current token, read to its end; null if it is not one the
     * one-pass reading takes. Alerts, most of what a busy server takes in and reads back, are read by hand
     * ({@link AlertReader}: why); the other types through data binding, without the trailing-text check (the
     * payload is not the end of the text: callers check what follows).
     */
    private static Event payloadAt(EventType type, JsonParser p) throws java.io.IOException {
        return type == EventType.ALERT ? AlertReader.read(p) : PAYLOAD_READERS.get(type).readValue(p);
    }

    /** The event with the part of the input from one offset to another as its payload's text. */
    private interface Slice {
        Decoded of(Envelope envelope, int from, int to);
    }

    private static Decoded readInOnePass(JsonParser p, boolean bytes, Slice input) throws java.io.IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return null;
        EventType type = null;
        String callId = null;
        long seq = 0, ts = 0;
        boolean hasSeq = false, hasTs = false;
        Event event = null;
        int payloadStart = 0, payloadEnd = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) return null;
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "type" -> {
                    if (v != JsonToken.VALUE_STRING) return null;
                    type = EventType.ofWireOrNull(p.getText());
                    if (type == null) return null;
                }
                case "callId" -> {
                    if (v != JsonToken.VALUE_STRING) return null;
                    callId = p.getText();
                }
                case "seq" -> {
                    if (!isLong(p, v)) return null;
                    seq = p.getLongValue();
                    hasSeq = true;
                }
                case "ts" -> {
                    if (!isLong(p, v)) return null;
                    ts = p.getLongValue();
                    hasTs = true;
                }
                case "data" -> {
                    if (v != JsonToken.START_OBJECT || type == null) return null;
                    payloadStart = offset(p.currentTokenLocation(), bytes);
                    event = payloadAt(type, p);
                    if (event == null) return null;
                    payloadEnd = offset(p.currentLocation(), bytes);
                }
                default -> {
                    return null;
                }
            }
        }
        if (p.nextToken() != null || type == null || callId == null || !hasSeq || !hasTs || event == null) return null;
        return input.of(new Envelope(callId, seq, ts, event), payloadStart, payloadEnd);
    }

    private static int offset(com.fasterxml.jackson.core.JsonLocation at, boolean bytes) {
        return (int) (bytes ? at.getByteOffset() : at.getCharOffset());
    }

    private static boolean isLong(JsonParser p, JsonToken v) throws java.io.IOException {
        if (v != JsonToken.VALUE_NUMBER_INT) return false;
        JsonParser.NumberType n = p.getNumberType();
        return n == JsonParser.NumberType.INT || n == JsonParser.NumberType.LONG;
    }

    static Envelope decodeAsTree(String text) throws DecodeException {
        JsonNode root = Json.readTree(text);
        if (!root.isObject()) throw new DecodeException("expected a JSON object, got " + root.getNodeType().name().toLowerCase());
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ENVELOPE_FIELDS.contains(f)) throw new DecodeException("unknown field '" + f + "'");
        }
        EventType type;
        try {
            type = EventType.ofWire(requireText(root, "type"));
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
        String callId = requireText(root, "callId");
        long seq = requireLong(root, "seq");
        long ts = requireLong(root, "ts");
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) throw new DecodeException("missing field 'data'");
        if (!data.isObject()) throw new DecodeException("field 'data' must be an object");
        Event event;
        try {
            event = Json.convert(data, type.payloadClass());
        } catch (DecodeException e) {
            throw new DecodeException(type.wire() + ".data: " + e.getMessage(), e);
        }
        try {
            return new Envelope(callId, seq, ts, event);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage(), e);
        }
    }

    private static String requireText(JsonNode root, String field) throws DecodeException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) throw new DecodeException("missing field '" + field + "'");
        if (!n.isTextual()) throw new DecodeException("field '" + field + "' must be a string");
        return n.textValue();
    }

    private static long requireLong(JsonNode root, String field) throws DecodeException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) throw new DecodeException("missing field '" + field + "'");
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw new DecodeException("field '" + field + "' must be a whole number");
        return n.longValue();
    }
}
