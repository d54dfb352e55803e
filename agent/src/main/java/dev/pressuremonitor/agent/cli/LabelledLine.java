package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;

import java.util.Set;

/**
 * One line of classify or eval input: {@code {"id": "...", "domain": "...", "text": "...", "context": "...",
 * "label": "..."}}; domain, context and label are optional.
 */
record LabelledLine(String id, String text, String context, String label, String domain) {
    private static final Set<String> FIELDS = Set.of("id", "domain", "text", "context", "label");

    static LabelledLine parse(String line) throws DecodeException {
        JsonNode n = Json.readTree(line);
        if (!n.isObject()) throw new DecodeException("expected a JSON object like {\"id\": \"1\", \"text\": \"...\"}");
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) throw new DecodeException("unknown field '" + f + "' (known: id, domain, text, context, label)");
        }
        JsonNode id = n.get("id");
        if (id == null || id.isNull()) throw new DecodeException("missing field 'id'");
        if (!id.isTextual() && !id.isIntegralNumber()) throw new DecodeException("field 'id' must be a string or a whole number");
        String text = optionalText(n, "text");
        if (text == null) throw new DecodeException("missing field 'text'");
        return new LabelledLine(id.asText(), text, optionalText(n, "context"), optionalText(n, "label"), optionalText(n, "domain"));
    }

    /** The id of a line that failed to parse, if it has a readable one. */
    static String idOf(String line) {
        try {
            JsonNode n = Json.readTree(line);
            JsonNode id = n.get("id");
            return id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    private static String optionalText(JsonNode n, String field) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new DecodeException("field '" + field + "' must be a string");
        return v.textValue();
    }
}
