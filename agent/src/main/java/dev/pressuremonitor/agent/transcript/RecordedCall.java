package dev.pressuremonitor.agent.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.agent.stt.VoskResultParser;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A call recorded as Vosk's own JSON output, one result a line, each tagged with its speaker:
 * {@code {"speaker": "rep", "result": [{"word": "hi", "start": 0.4, "end": 0.7, "conf": 1.0}], "text": "hi"}} or
 * {@code {"speaker": "prospect", "partial": "so", "partial_result": [...]}}. Times are seconds from call start.
 * Lines that cannot be read are reported and skipped; the rest of the call still plays.
 */
public final class RecordedCall {
    /** One result with the moment it became available (its last word's end). */
    public record Item(double due, TranscriptSegment segment) {}

    private final String source;
    private final List<Item> items;
    private final List<String> problems;

    private RecordedCall(String source, List<Item> items, List<String> problems) {
        this.source = source;
        this.items = List.copyOf(items);
        this.problems = List.copyOf(problems);
    }

    public static RecordedCall read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " (pass a recorded call: a JSONL file of Vosk results, e.g. seeds/calls/demo.jsonl)");
        }
    }

    public static RecordedCall read(String source, InputStream in) throws IOException {
        List<Item> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        double clock = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) continue;
            try {
                JsonNode node = Json.readTree(line);
                if (!node.isObject()) throw new DecodeException("expected a JSON object");
                Speaker speaker = speaker(node.get("speaker"));
                ObjectNode vosk = ((ObjectNode) node).deepCopy();
                vosk.remove("speaker");
                TranscriptSegment seg = VoskResultParser.parse(vosk, speaker, vosk.has("result") || vosk.has("alternatives"), 0);
                if (!seg.words().isEmpty()) clock = Math.max(clock, seg.words().get(seg.words().size() - 1).end());
                items.add(new Item(clock, seg));
            } catch (DecodeException e) {
                problems.add(source + ":" + n + ": skipped: " + e.getMessage());
            }
        }
        items.sort(java.util.Comparator.comparingDouble(Item::due));
        return new RecordedCall(source, items, problems);
    }

    private static Speaker speaker(JsonNode s) throws DecodeException {
        if (s == null || !s.isTextual()) throw new DecodeException("missing field 'speaker' (\"rep\" or \"prospect\")");
        return switch (s.textValue().toLowerCase()) {
            case "rep" -> Speaker.REP;
            case "prospect" -> Speaker.PROSPECT;
            default -> throw new DecodeException("field 'speaker' must be \"rep\" or \"prospect\", was \"" + s.textValue() + "\"");
        };
    }

    public List<Item> items() {
        return items;
    }

    /** Lines that were skipped, each saying where and why. */
    public List<String> problems() {
        return problems;
    }

    public String source() {
        return source;
    }

    public boolean hasProspect() {
        return items.stream().anyMatch(i -> i.segment().speaker() == Speaker.PROSPECT);
    }

    public double duration() {
        return items.isEmpty() ? 0 : items.get(items.size() - 1).due();
    }
}
