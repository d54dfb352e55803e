package dev.pressuremonitor.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Encodes and decodes {@link Envelope}s as one JSON object:
 * {@code {"type":"alert","callId":"c1","seq":3,"ts":1764300000000,"data":{...}}}.
 */
public final class EventCodec {
    private static final Set<String> ENVELOPE_FIELDS = Set.of("type", "callId", "seq", "ts", "data");

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

    public static Envelope decode(String text) throws DecodeException {
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
