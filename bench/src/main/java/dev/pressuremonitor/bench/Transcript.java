package dev.pressuremonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.agent.detect.TextTokenizer;
import dev.pressuremonitor.agent.detect.Utterance;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.Word;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A long rep transcript made from the corpus utterances, laid end to end as settled segments: one call per domain
 * file and repeat (a call lasts at most a day, and the corpus laid end to end is longer than that).
 */
final class Transcript {
    /** The segments, one list per call, each starting at 0 s. */
    final List<List<TranscriptSegment>> calls = new ArrayList<>();
    /** Each utterance as normalised tokens joined by spaces, call after call (one per segment). */
    final List<String> lowerTexts = new ArrayList<>();
    int words;

    static Transcript load(Path corpusDir, int repeats) {
        List<List<String>> texts = new ArrayList<>();
        List<Path> domains;
        try (var files = Files.list(corpusDir.resolve("domains"))) {
            domains = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("run from the project root so that seeds/corpus/domains is found", e);
        }
        for (Path domain : domains) {
            try {
                List<String> call = new ArrayList<>();
                for (String line : Files.readAllLines(domain)) {
                    JsonNode n = Json.readTree(line);
                    call.add(n.get("text").asText());
                }
                texts.add(call);
            } catch (IOException e) {
                throw new UncheckedIOException("run from the project root so that seeds/corpus is found", e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Transcript t = new Transcript();
        for (int r = 0; r < repeats; r++) {
            for (List<String> callTexts : texts) {
                List<TranscriptSegment> call = new ArrayList<>();
                t.calls.add(call);
                double at = 0;
                for (String text : callTexts) {
                    List<Word> w = TextTokenizer.words(text, at);
                    if (w.isEmpty()) continue;
                    TranscriptSegment segment = new TranscriptSegment(Speaker.REP, true, w);
                    call.add(segment);
                    // the baseline gets the detector's normalised tokens for free, so it sees the same phrases
                    StringBuilder norm = new StringBuilder();
                    for (var tok : Utterance.of(Speaker.REP, w).tokens()) norm.append(tok.text()).append(' ');
                    t.lowerTexts.add(norm.toString().trim());
                    t.words += w.size();
                    at = w.get(w.size() - 1).end() + 1.0;
                }
            }
        }
        return t;
    }
}
