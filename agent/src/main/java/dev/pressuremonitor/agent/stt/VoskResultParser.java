package dev.pressuremonitor.agent.stt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Vosk's result JSON into transcript segments. Handles every shape the recogniser produces:
 * a final result ({@code result} + {@code text}), a partial ({@code partial} with {@code partial_result} word
 * timings when partial words are on), the empty result ({@code {"text": ""}}, which Vosk also returns as a
 * "partial" right after an endpoint), and alternatives ({@code alternatives[0]}, which carry no per-word
 * confidence). Word times are seconds from the start of the stream; {@code offset} shifts them onto the call's
 * clock.
 */
public final class VoskResultParser {
    private VoskResultParser() {}

    /** Parses one Vosk result; {@code expectFinal} says whether it came from getResult/getFinalResult. */
    public static TranscriptSegment parse(String json, Speaker speaker, boolean expectFinal, double offset) throws DecodeException {
        return parse(readTree(json), speaker, expectFinal, offset);
    }

    /**
     * Reads one Vosk result. libvosk writes its numbers in the C library's locale, so a result made under a German
     * or French locale reads {@code "conf" : 0,660000}: such decimal commas are read as points.
     */
    public static JsonNode readTree(String json) throws DecodeException {
        try {
            return Json.readTree(json);
        } catch (DecodeException e) {
            String repaired = DecimalCommas.repair(json);
            if (repaired.equals(json)) throw e;
            try {
                return Json.readTree(repaired);
            } catch (DecodeException stillBad) {
                throw e;
            }
        }
    }

    /** A final result that has words as text but no word timings (word output off, or another tool's transcript). */
    public static boolean hasTextOnly(JsonNode root) {
        if (root == null || !root.isObject() || root.has("partial")) return false;
        JsonNode text = root.get("text");
        JsonNode result = root.get("result");
        boolean noTimings = result == null || result.isNull() || (result.isArray() && result.isEmpty());
        if (root.has("alternatives")) {
            JsonNode alts = root.get("alternatives");
            if (!alts.isArray() || alts.isEmpty() || !alts.get(0).isObject()) return false;
            JsonNode first = alts.get(0);
            JsonNode r = first.get("result");
            return (r == null || (r.isArray() && r.isEmpty())) && first.path("text").isTextual() && !first.get("text").textValue().isBlank();
        }
        return noTimings && text != null && text.isTextual() && !text.textValue().isBlank();
    }

    /** The text of a result {@link #hasTextOnly} accepts. */
    public static String textOf(JsonNode root) {
        return root.has("alternatives") ? root.get("alternatives").get(0).get("text").textValue() : root.get("text").textValue();
    }

    public static TranscriptSegment parse(JsonNode root, Speaker speaker, boolean expectFinal, double offset) throws DecodeException {
        if (!root.isObject()) throw new DecodeException("a Vosk result is a JSON object");
        if (root.has("alternatives")) {
            JsonNode alts = root.get("alternatives");
            if (!alts.isArray()) throw new DecodeException("field 'alternatives' must be an array");
            if (alts.isEmpty()) return new TranscriptSegment(speaker, true, List.of());
            if (!alts.get(0).isObject()) throw new DecodeException("'alternatives[0]' must be an object with 'text' and 'result', was " + brief(alts.get(0)));
            return new TranscriptSegment(speaker, true, words(alts.get(0).get("result"), "alternatives[0].result", offset));
        }
        if (root.has("partial")) {
            JsonNode words = root.get("partial_result");
            if (words == null) {
                // partial words off: text only, no timings; the detector needs timings, so nothing to pass on
                return new TranscriptSegment(speaker, false, List.of());
            }
            return new TranscriptSegment(speaker, false, words(words, "partial_result", offset));
        }
        if (root.has("result")) {
            return new TranscriptSegment(speaker, true, words(root.get("result"), "result", offset));
        }
        if (root.has("text")) {
            // {"text": ""}: nothing was said (or a partial right after an endpoint)
            return new TranscriptSegment(speaker, expectFinal, List.of());
        }
        throw new DecodeException("not a Vosk result: expected 'result', 'partial', 'alternatives' or 'text'");
    }

    private static List<Word> words(JsonNode array, String field, double offset) throws DecodeException {
        if (array == null || array.isNull()) return List.of();
        if (!array.isArray()) throw new DecodeException("field '" + field + "' must be an array of words, was " + brief(array));
        List<Word> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode w = array.get(i);
            String at = field + "[" + i + "]";
            JsonNode word = w.get("word"), start = w.get("start"), end = w.get("end"), conf = w.get("conf");
            if (w == null || !w.isObject()) throw new DecodeException("'" + at + "' must be a word object like {\"word\": \"hi\", \"start\": 0.4, \"end\": 0.7}, was " + brief(w));
            require(word, at + ".word", JsonNode::isTextual, "a string");
            require(start, at + ".start", JsonNode::isNumber, "a number of seconds");
            require(end, at + ".end", JsonNode::isNumber, "a number of seconds");
            if (conf != null && !conf.isNull() && !conf.isNumber()) throw new DecodeException("field '" + at + ".conf' must be a number from 0 to 1, was " + brief(conf));
            double c = conf != null && conf.isNumber() ? Math.max(0, Math.min(1, conf.doubleValue())) : 1.0;
            try {
                out.add(new Word(word.textValue(), start.doubleValue() + offset, end.doubleValue() + offset, c));
            } catch (IllegalArgumentException e) {
                throw new DecodeException(at + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static void require(JsonNode v, String field, java.util.function.Predicate<JsonNode> ok, String what) throws DecodeException {
        if (v == null || v.isNull()) throw new DecodeException("missing field '" + field + "'");
        if (!ok.test(v)) throw new DecodeException("field '" + field + "' must be " + what + ", was " + brief(v));
    }

    /** A value as it appeared, cut short for a message. */
    static String brief(JsonNode v) {
        if (v == null) return "missing";
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
