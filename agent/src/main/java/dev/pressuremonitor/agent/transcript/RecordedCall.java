package dev.pressuremonitor.agent.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.agent.detect.TextTokenizer;
import dev.pressuremonitor.agent.stt.VoskResultParser;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;

/**
 * A call recorded as Vosk's own JSON output, a stream of results (one a line, or pretty-printed over several
 * lines), each tagged with its speaker:
 * {@code {"speaker": "rep", "result": [{"word": "hi", "start": 0.4, "end": 0.7, "conf": 1.0}], "text": "hi"}} or
 * {@code {"speaker": "prospect", "partial": "so", "partial_result": [...]}}. Times are seconds from call start.
 * Lines that cannot be read are reported and skipped; the rest of the call still plays. A line
 * {@code {"started_at": "2026-11-20T14:03:00+01:00"}} gives the moment the call began; without it the start is not known.
 */
public final class RecordedCall {
    /** One result with the moment it became available (its last word's end). */
    public record Item(double due, TranscriptSegment segment) {}

    /** A pause put before each utterance whose timings are estimated, so consecutive ones read as separate turns. */
    private static final double ESTIMATED_GAP = 0.5;

    private final String source;
    private final List<Item> items;
    private final List<String> problems;
    private final List<String> notes;
    private final Instant startedAt;

    private RecordedCall(String source, List<Item> items, List<String> problems, List<String> notes, Instant startedAt) {
        this.source = source;
        this.startedAt = startedAt;
        this.items = List.copyOf(items);
        this.problems = List.copyOf(problems);
        this.notes = List.copyOf(notes);
    }

    public static RecordedCall read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " (pass a recorded call: a JSONL file of Vosk results, e.g. seeds/calls/demo.jsonl)");
        }
    }

    public static RecordedCall read(String source, InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<Item> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        JsonObjects objects = new JsonObjects(text);
        double clock = 0;
        Instant startedAt = null;
        int pos = 0, line = 1;
        JsonObjects.Piece piece;
        while ((piece = objects.next(pos, line)) != null) {
            pos = piece.next();
            line = piece.nextLine();
            JsonNode node;
            try {
                node = VoskResultParser.readTree(piece.text());
            } catch (DecodeException e) {
                int at = piece.line() + Math.max(0, e.line() - 1);
                problems.add(source + ":" + at + ": skipped: " + e.getMessage());
                int[] resume = objects.resync(piece);
                pos = resume[0];
                line = resume[1];
                continue;
            }
            try {
                if (!node.isObject()) throw new DecodeException("expected a JSON object, found " + node.getNodeType().name().toLowerCase());
                if (node.has("started_at") && !node.has("speaker")) {
                    startedAt = instant(node.get("started_at"));
                    continue;
                }
                Speaker speaker = speaker(node.get("speaker"));
                ObjectNode vosk = ((ObjectNode) node).deepCopy();
                vosk.remove("speaker");
                TranscriptSegment seg;
                if (VoskResultParser.hasTextOnly(vosk)) {
                    // text without word timings: spread the words from where the call has got to, at a speaking pace
                    seg = new TranscriptSegment(speaker, true, TextTokenizer.words(VoskResultParser.textOf(vosk), clock + ESTIMATED_GAP));
                    if (notes.isEmpty()) {
                        notes.add(source + ":" + piece.line() + ": results carry text but no word timings: times are estimated"
                                + " (" + Math.round(60 / TextTokenizer.SECONDS_PER_WORD) + " words a minute, in file order), so talk share, pace,"
                                + " pauses and moments are approximate");
                    }
                } else {
                    seg = VoskResultParser.parse(vosk, speaker, vosk.has("result") || vosk.has("alternatives"), 0);
                }
                if (!seg.words().isEmpty()) clock = Math.max(clock, seg.words().get(seg.words().size() - 1).end());
                items.add(new Item(clock, seg));
            } catch (DecodeException e) {
                problems.add(source + ":" + piece.line() + ": skipped: " + e.getMessage());
            }
        }
        items.sort(java.util.Comparator.comparingDouble(Item::due));
        return new RecordedCall(source, items, problems, notes, startedAt);
    }

    private static Instant instant(JsonNode at) throws DecodeException {
        try {
            return OffsetDateTime.parse(at.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new DecodeException("field 'started_at' must be a time with its offset, such as \"2026-11-20T14:03:00+01:00\" or \"2026-11-20T13:03:00Z\", was " + at);
        }
    }

    /** When the call began, if the file says. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    private static Speaker speaker(JsonNode s) throws DecodeException {
        if (s == null || s.isNull()) throw new DecodeException("missing field 'speaker' (\"rep\" or \"prospect\")");
        if (!s.isTextual()) throw new DecodeException("field 'speaker' must be \"rep\" or \"prospect\", was " + s);
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

    /** What the reader had to assume (such as estimated word timings), each said once. */
    public List<String> notes() {
        return notes;
    }

    /** Whether any result carries words (a file of empty results is not a call). */
    public boolean hasWords() {
        return items.stream().anyMatch(i -> !i.segment().words().isEmpty());
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
