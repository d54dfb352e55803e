package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.TextClassifier;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.DecodeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
                "Scores the detector on a labelled corpus: per-category precision, recall and F1, macro-F1,",
                "the share of NONE lines flagged, and a confusion table.",
                "Each line: {\"id\": \"...\", \"text\": \"...\", \"label\": \"CHASE\" | ... | \"NONE\", \"context\": \"(optional)\"}.",
                "",
                "Example:  pressure-monitor eval seeds/corpus/test.jsonl"
        })
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.jsonl", description = "Labelled utterances, one JSON object a line.")
    Path file;

    @Option(names = "--errors", description = "Also list every line the detector got wrong.")
    boolean showErrors;

    @Mixin
    RuleOptions ruleOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RuleEngine engine = ruleOptions.engine();
        TextClassifier classifier = new TextClassifier(engine);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scoreboard board = new Scoreboard();
        int number = 0, bad = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) continue;
                try {
                    LabelledLine l = LabelledLine.parse(line);
                    Category gold = parseLabel(l.label());
                    Category predicted = TextClassifier.primary(classifier.classify(l.text(), l.context()), engine.pack()).orElse(null);
                    board.add(gold, predicted);
                    if (showErrors && gold != predicted) {
                        out.printf("  miss %-8s -> %-8s %s: %s%n", name(gold), name(predicted), l.id(), l.text());
                    }
                } catch (DecodeException e) {
                    bad++;
                    err.println(file + ":" + number + ": skipped: " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + file + " (pass a labelled JSONL file, e.g. seeds/corpus/test.jsonl)");
        }
        if (board.total() == 0) throw new UserException(file + " has no usable lines: each line needs id, text and label");
        board.print(out);
        if (bad > 0) err.println(bad + " malformed line(s) skipped; the figures above leave them out");
        return bad > 0 ? 1 : 0;
    }

    private static Category parseLabel(String label) throws DecodeException {
        if (label == null) throw new DecodeException("missing field 'label' (one of PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND, NONE)");
        if (label.equals("NONE")) return null;
        for (Category c : Category.pressure()) if (c.name().equals(label)) return c;
        throw new DecodeException("field 'label': '" + label + "' is not one of PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND, NONE");
    }

    static String name(Category c) {
        return c == null ? "NONE" : c.name();
    }
}
