package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.agent.detect.QuestionCounter;
import dev.pressuremonitor.agent.detect.TextTokenizer;
import dev.pressuremonitor.agent.detect.Utterance;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.Word;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "eval-questions",
        mixinStandardHelpOptions = true,
        header = "Score question counting on labelled rep turns.",
        description = {
                "Precision and recall of the questions counted, per surface (written text with punctuation, spoken text as speech-to-text gives it) and in all.",
                "Each line: {\"id\", \"surface\": \"written\" | \"spoken\", \"split\": \"dev\" | \"test\", \"text\", \"open\": N, \"closed\": N}."
        },
        footerHeading = "%nExample:%n",
        footer = {"  pressure-monitor eval-questions seeds/questions/turns.jsonl --split test"})
final class QuestionEvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.jsonl", defaultValue = "seeds/questions/turns.jsonl",
            description = "Labelled turns (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--split", paramLabel = "dev|test|all", defaultValue = "all", description = "Which turns to score (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--errors", description = "Also list every turn counted wrong.")
    boolean showErrors;

    @Spec
    CommandSpec spec;

    /** Questions counted against questions labelled: a turn's hits are the smaller of the two counts. */
    static final class Score {
        int turns, labelled, counted, hits, kindAgrees;

        void add(int gold, int got) {
            turns++;
            labelled += gold;
            counted += got;
            hits += Math.min(gold, got);
        }

        double precision() {
            return counted == 0 ? 1 : (double) hits / counted;
        }

        double recall() {
            return labelled == 0 ? 1 : (double) hits / labelled;
        }
    }

    /** One labelled turn. */
    record Turn(String id, String surface, String split, String text, int open, int closed) {
        static Turn parse(String line) throws DecodeException {
            JsonNode n = Json.readTree(line);
            String surface = text(n, "surface");
            if (!surface.equals("written") && !surface.equals("spoken")) throw new DecodeException("field 'surface' must be \"written\" or \"spoken\", was \"" + surface + "\"");
            return new Turn(text(n, "id"), surface, text(n, "split"), text(n, "text"), count(n, "open"), count(n, "closed"));
        }

        private static String text(JsonNode n, String field) throws DecodeException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) throw new DecodeException("missing field '" + field + "'");
            if (!v.isTextual()) throw new DecodeException("field '" + field + "' must be a string, was " + v);
            return v.textValue();
        }

        private static int count(JsonNode n, String field) throws DecodeException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) throw new DecodeException("missing field '" + field + "'");
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) throw new DecodeException("field '" + field + "' must be a count (0, 1, 2...), was " + v);
            return v.intValue();
        }
    }

    /** The counter's reading of a turn, as the live path reads a rep's settled words. */
    static QuestionCounter.Count count(String text) {
        List<Word> words = TextTokenizer.words(text, 0);
        return new QuestionCounter().count(Utterance.of(Speaker.REP, words).tokens(), words);
    }

    /** Scores per surface and in all ("all"). */
    static Map<String, Score> score(List<Turn> turns, PrintWriter errors) {
        Map<String, Score> by = new TreeMap<>();
        for (Turn t : turns) {
            QuestionCounter.Count c = count(t.text());
            int gold = t.open() + t.closed(), got = c.open() + c.closed();
            for (String key : List.of(t.surface(), "all")) {
                Score s = by.computeIfAbsent(key, k -> new Score());
                s.add(gold, got);
                if (gold == got && c.open() == t.open()) s.kindAgrees++;
            }
            if (errors != null && (gold != got || c.open() != t.open())) {
                errors.printf(Locale.ROOT, "  %-7s labelled %d open %d closed, counted %d open %d closed: %s%n", t.id(), t.open(), t.closed(),
                        c.open(), c.closed(), t.text());
            }
        }
        return by;
    }

    static List<Turn> read(Path file, String split, PrintWriter err) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + file + " (pass labelled turns, e.g. seeds/questions/turns.jsonl)");
        }
        List<Turn> turns = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                Turn t = Turn.parse(lines.get(i));
                if (split.equals("all") || t.split().equals(split)) turns.add(t);
            } catch (DecodeException e) {
                err.println(file + ":" + (i + 1) + ": skipped: " + e.getMessage());
            }
        }
        return turns;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!List.of("dev", "test", "all").contains(split)) throw new UserException("--split must be dev, test or all, was '" + split + "'");
        List<Turn> turns = read(file, split, spec.commandLine().getErr());
        if (turns.isEmpty()) throw new UserException(file + " has no labelled turns" + (split.equals("all") ? "" : " in split " + split));
        Map<String, Score> by = score(turns, showErrors ? out : null);
        out.printf(Locale.ROOT, "%-8s %6s %9s %8s %10s %7s %13s%n", "surface", "turns", "labelled", "counted", "precision", "recall", "open/closed");
        for (var e : by.entrySet()) {
            Score s = e.getValue();
            out.printf(Locale.ROOT, "%-8s %6d %9d %8d %10.3f %7.3f %12.0f%%%n", e.getKey(), s.turns, s.labelled, s.counted, s.precision(), s.recall(),
                    100.0 * s.kindAgrees / s.turns);
        }
        out.flush();
        return 0;
    }
}
