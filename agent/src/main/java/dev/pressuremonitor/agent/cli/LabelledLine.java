package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of classify or eval input: {@code {"id": "...", "domain": "...", "text": "...", "context": "...",
 * "label": "..."}}; domain, context and label are optional.
 *
 * <p>Read strictly (our corpus: every field known, an id on every line) or as lines from elsewhere are: fields we do
 * not read are ignored (and named in {@code ignored}, so the caller can say so once), a line without an id has a null
 * one, and the prospect's words may come as a string, as a list of turns (the last one is the turn just before the
 * rep's) or as an object with a {@code text}.
 */
record LabelledLine(String id, String text, String context, String label, String domain, List<String> ignored) {
    static final Set<String> FIELDS = Set.of("id", "domain", "text", "context", "label");

    /** Our corpus's lines: an unknown field or a missing id is an error. */
    static LabelledLine parse(String line) throws DecodeException {
        return parse(line, true);
    }

    static LabelledLine parse(String line, boolean strict) throws DecodeException {
        JsonNode n = Json.readTree(line);
        if (!n.isObject()) throw new DecodeException("expected a JSON object like {\"id\": \"1\", \"text\": \"...\"}");
        List<String> ignored = new ArrayList<>();
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (FIELDS.contains(f)) continue;
            if (strict) throw new DecodeException("unknown field '" + f + "' (known: id, domain, text, context, label)");
            ignored.add(f);
        }
        String id = idOf(n);
        if (id == null && (strict || n.hasNonNull("id"))) {
            throw new DecodeException(n.hasNonNull("id") ? "field 'id' must be a string or a whole number" : "missing field 'id'");
        }
        String text = optionalText(n, "text");
        if (text == null) throw new DecodeException("missing field 'text'");
        return new LabelledLine(id, text, context(n.get("context")), optionalText(n, "label"), optionalText(n, "domain"), List.copyOf(ignored));
    }

    /** The id of a line that failed to parse, if it has a readable one. */
    static String idOf(String line) {
        try {
            return idOf(Json.readTree(line));
        } catch (DecodeException e) {
            return null;
        }
    }

    private static String idOf(JsonNode n) {
        JsonNode id = n.get("id");
        return id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null;
    }

    /** The prospect's words just before the rep's turn: a string, the last string of a list, or an object's text. */
    private static String context(JsonNode v) throws DecodeException {
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) {
            String t = turn(v);
            if (t == null) throw new DecodeException("field 'context' must be the prospect's words: a string, a list of turns, or an object with a 'text' string");
            return t;
        }
        for (int i = v.size() - 1; i >= 0; i--) {
            String t = turn(v.get(i));
            if (t == null) throw new DecodeException("field 'context': item " + (i + 1) + " must be a string or an object with a 'text' string");
            if (!t.isBlank()) return t;
        }
        return null;
    }

    /** One turn's words: a string, or an object's {@code text} string; null for anything else. */
    private static String turn(JsonNode v) {
        if (v.isTextual()) return v.textValue();
        JsonNode text = v.isObject() ? v.get("text") : null;
        return text != null && text.isTextual() ? text.textValue() : null;
    }

    /** Says once per field name, on the command's error stream, that a field of the input is not read. */
    static final class IgnoredFields {
        private final Set<String> said = new java.util.HashSet<>();
        private final java.io.PrintWriter err;
        private final String reads;

        /** @param reads what the command reads, e.g. "classify reads id, text, context" */
        IgnoredFields(java.io.PrintWriter err, String reads) {
            this.err = err;
            this.reads = reads;
        }

        void note(String field) {
            if (said.add(field)) err.println("note: field '" + field + "' is not read (" + reads + "): ignored on every line");
        }
    }

    private static String optionalText(JsonNode n, String field) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new DecodeException("field '" + field + "' must be a string");
        return v.textValue();
    }
}
