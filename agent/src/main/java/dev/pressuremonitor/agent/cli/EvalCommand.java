package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.TextClassifier;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "eval",
        mixinStandardHelpOptions = true,
        header = "Score the detector on a labelled corpus.",
        description = {
                "Per-category precision, recall and F1, macro-F1, the share of NONE lines flagged, a confusion table, and the same per domain.",
                "Each line: {\"id\", \"domain\" (optional), \"text\", \"label\": \"CHASE\" | ... | \"NONE\", \"context\" (optional)}."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  pressure-monitor eval --split test",
                "  pressure-monitor eval seeds/corpus/domains/legacy.jsonl --errors"})
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.jsonl", arity = "0..*", description = "Labelled utterances, one JSON object a line.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--split", paramLabel = "dev|test",
            description = "Score a split of the corpus instead of files: 'test' is the held-out domains named in split.json, 'dev' every other domain.")
    String split;

    @Option(names = "--corpus", paramLabel = "DIR", description = "The corpus folder holding split.json and domains/ (default: ${DEFAULT-VALUE}).")
    Path corpus = Path.of("seeds", "corpus");

    @Option(names = "--errors", description = "Also list every line the detector got wrong.")
    boolean showErrors;

    @Option(names = "--without-context", description = "Score as a set-up that records only the rep's microphone hears the lines: every "
            + "line's context is ignored, and what answers an objection is heard without one.")
    boolean withoutContext;

    @Option(names = "--by-rule", description = "Also show, for each rule, how many lines it labelled and how many of them it got right.")
    boolean byRule;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    LearnedOptions learnedOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (split != null && !files.isEmpty()) throw new UserException("give either files or --split, not both");
        if (split == null && files.isEmpty()) {
            throw new UserException("nothing to score: pass labelled files or --split dev|test (e.g. eval --split test)");
        }
        boolean bySplit = split != null;
        List<Path> inputs = bySplit ? CorpusSplit.read(corpus).files(split, err) : files;
        RuleEngine engine = ruleOptions.engine();
        TextClassifier classifier = new TextClassifier(engine, learnedOptions.opinion(spec.commandLine().getErr()), !withoutContext);
        Scoreboard board = new Scoreboard();
        Map<String, Scoreboard> byDomain = new TreeMap<>();
        RuleTally rules = new RuleTally();
        int[] bad = {0};
        List<CorpusLines> lines;
        try {
            lines = CorpusLines.read(inputs, bySplit, (file, number, problem) -> {
                bad[0]++;
                err.println(file + ":" + number + ": skipped: " + problem);
            }, new LabelledLine.IgnoredFields(err, "eval reads id, domain, text, context, label")::note);
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + e.getFile() + " (pass a labelled JSONL file, e.g. seeds/corpus/domains/legacy.jsonl, or --split dev|test)");
        }
        for (CorpusLines l : lines) {
            Category gold = l.gold();
            String context = withoutContext ? null : l.context();
            Optional<Alert> decided = TextClassifier.primaryAlert(classifier.classify(l.text(), context), engine.pack());
            Category predicted = decided.map(Alert::category).orElse(null);
            decided.ifPresent(a -> rules.add(a, gold));
            board.add(gold, predicted);
            byDomain.computeIfAbsent(l.domain(), d -> new Scoreboard()).add(gold, predicted);
            if (showErrors && gold != predicted) {
                out.printf("  miss %-8s -> %-8s %s%s: %s%s%n", name(gold), name(predicted), l.id(),
                        decided.map(a -> " (" + a.rule() + ")").orElse(""), l.text(),
                        context == null ? "" : "   [after: " + context + "]");
            }
        }
        if (board.total() == 0) throw new UserException(inputs + " have no usable lines: each line needs id, text and label");
        if (bySplit) out.println("split " + split + ": " + byDomain.keySet());
        board.print(out);
        out.println();
        Scoreboard.printDomains(out, byDomain);
        if (byRule) {
            out.println();
            rules.print(out);
        }
        if (bad[0] > 0) err.println(bad[0] + " malformed line(s) skipped; the figures above leave them out");
        return bad[0] > 0 ? 1 : 0;
    }

    static String name(Category c) {
        return c == null ? "NONE" : c.name();
    }
}
