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
        return parse(Json.readTree(json), speaker, expectFinal, offset);
    }

    public static TranscriptSegment parse(JsonNode root, Speaker speaker, boolean expectFinal, double offset) throws DecodeException {
        if (!root.isObject()) throw new DecodeException("a Vosk result is a JSON object");
        if (root.has("alternatives")) {
            JsonNode alts = root.get("alternatives");
            if (!alts.isArray()) throw new DecodeException("field 'alternatives' must be an array");
            if (alts.isEmpty()) return new TranscriptSegment(speaker, true, List.of());
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
        if (!array.isArray()) throw new DecodeException("field '" + field + "' must be an array of words");
        List<Word> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode w = array.get(i);
            String at = field + "[" + i + "]";
            JsonNode word = w.get("word"), start = w.get("start"), end = w.get("end"), conf = w.get("conf");
            if (word == null || !word.isTextual()) throw new DecodeException("missing field '" + at + ".word'");
            if (start == null || !start.isNumber()) throw new DecodeException("missing field '" + at + ".start'");
            if (end == null || !end.isNumber()) throw new DecodeException("missing field '" + at + ".end'");
            double c = conf != null && conf.isNumber() ? Math.max(0, Math.min(1, conf.doubleValue())) : 1.0;
            try {
                out.add(new Word(word.textValue(), start.doubleValue() + offset, end.doubleValue() + offset, c));
            } catch (IllegalArgumentException e) {
                throw new DecodeException(at + ": " + e.getMessage());
            }
        }
        return out;
    }
}
