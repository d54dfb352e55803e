package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.TextClassifier;
import dev.pressuremonitor.agent.detect.MissingApostrophes;
import dev.pressuremonitor.agent.detect.learned.Combination;
import dev.pressuremonitor.agent.detect.learned.Features;
import dev.pressuremonitor.agent.detect.learned.HeadTrainer;
import dev.pressuremonitor.agent.detect.learned.LearnedModel;
import dev.pressuremonitor.agent.detect.learned.LinearHead;
import dev.pressuremonitor.agent.detect.learned.SentenceEncoder;
import dev.pressuremonitor.agent.detect.learned.WordHashes;
import dev.pressuremonitor.models.Category;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "train",
        mixinStandardHelpOptions = true,
        header = "Fit the learned second opinion; refit it on a team's marks.",
        description = {
                "Fits the learned second opinion (a classifier over a sentence embedding and the turn's words) on the",
                "corpus's dev domains, chooses each category's confidence threshold by leaving groups of dev domains out",
                "in turn, and scores rules alone, learned alone and both combined on the held-out test domains.",
                "Deterministic: the same corpus gives the same model.",
                "",
                "With --with-feedback, refits the model in use (the shipped one, or --base-model) on the dev domains plus a",
                "team's own marked lines (from 'feedback export'), holding one in five of the team's calls out; prints which",
                "rules the team disagrees with most and, per category, the model in use against the refit on the held-out",
                "test domains and on the team's held-out calls. The refit is accepted only if no category's precision falls",
                "(by more than one standard error on the test domains, by nothing on the team's calls); a refused refit exits 3.",
                "Embeddings are cached under --data, so a second run takes seconds.",
                "",
                "Examples:  pressure-monitor train --out seeds/learned/head.json",
                "           pressure-monitor train --with-feedback emea.jsonl --out emea-model.json"
        })
final class TrainCommand implements Callable<Integer> {
    /** Adam's step for a refit: small, as it starts from a fitted head. */
    static final double REFIT_RATE = 0.01;
    static final List<String> LABELS = List.of("NONE", "PITCH", "CLOSE", "URGENCY", "CHASE", "COUNTER", "DEFEND");

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "seeds/corpus",
            description = "The corpus folder holding split.json and domains/ (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the model (default: print the figures only).")
    Path outFile;

    @Option(names = "--target-precision", paramLabel = "P", defaultValue = "0.9",
            description = "Precision each category must keep, rules and learned combined, on left-out dev domains (default: ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--max-none-flagged", paramLabel = "F", defaultValue = "0.03",
            description = "The share of no-pressure lines that may be flagged, rules and learned combined, on left-out dev domains (default: ${DEFAULT-VALUE}).")
    double maxNoneFlagged;

    @Option(names = "--hash-slots", paramLabel = "N", defaultValue = "4096", description = "Hash slots for the turn's words and word pairs (default: ${DEFAULT-VALUE}).")
    int hashSlots;

    @Option(names = "--hash-weight", paramLabel = "W", defaultValue = "1.0", description = "Length of the hashed-words part against the unit embedding (default: ${DEFAULT-VALUE}).")
    double hashWeight;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Dev domains are left out in K groups to choose the thresholds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--live", description = "Let the learned opinion nudge live (default: only when rules and learned together flag at most --max-none-flagged of no-pressure lines on left-out dev domains).")
    Boolean live;

    @Option(names = "--with-feedback", paramLabel = "FILE", arity = "1..*",
            description = "A team's labelled lines (from 'feedback export --team T'): refit the model in use with them, for that team.")
    List<Path> feedback = new ArrayList<>();

    @Option(names = "--team", paramLabel = "T", description = "With --with-feedback: the team the lines and the model are for (default: the one team the lines name).")
    String team;

    @Option(names = "--base-model", paramLabel = "FILE", description = "With --with-feedback: the model to refit (default: the shipped one).")
    Path baseModel;

    @Option(names = "--data", paramLabel = "DIR", description = "With --with-feedback: where embeddings are cached (default: ~/.pressure-monitor/data).")
    Path data;

    @Option(names = "--feedback-weight", paramLabel = "W", defaultValue = "20",
            description = "With --with-feedback: how many corpus lines one of the team's lines counts as (default: ${DEFAULT-VALUE}).")
    double feedbackWeight;

    @Option(names = "--refit-steps", paramLabel = "N", defaultValue = "120",
            description = "With --with-feedback: optimisation steps of the refit (default: ${DEFAULT-VALUE}).")
    int refitSteps;

    @Mixin
    RuleOptions ruleOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (target <= 0 || target > 1) throw new UserException("--target-precision must be above 0 and at most 1, was " + target);
        if (folds < 2) throw new UserException("--folds must be at least 2, was " + folds);
        if (hashSlots < 1) throw new UserException("--hash-slots must be at least 1, was " + hashSlots);
        if (!feedback.isEmpty()) {
            if (feedbackWeight <= 0) throw new UserException("--feedback-weight must be above 0, was " + feedbackWeight);
            if (refitSteps < 1) throw new UserException("--refit-steps must be at least 1, was " + refitSteps);
            Path cache = data != null ? data : DatabaseOptions.defaultData();
            return new FeedbackRefit(new FeedbackRefit.Settings(corpus, feedback, team, baseModel, outFile, cache, feedbackWeight, refitSteps, REFIT_RATE),
                    ruleOptions.engine(), out, err).run();
        }
        CorpusSplit split = CorpusSplit.read(corpus);
        List<CorpusLines> dev = CorpusLines.read(split.files(CorpusSplit.DEV, err));
        List<CorpusLines> test = CorpusLines.read(split.files(CorpusSplit.TEST, err));
        RuleEngine engine = ruleOptions.engine();
        TextClassifier rules = new TextClassifier(engine);

        err.println("embedding " + (dev.size() + test.size()) + " lines...");
        List<Features> devX, testX;
        try (SentenceEncoder encoder = SentenceEncoder.load()) {
            Map<String, float[]> cache = new HashMap<>();
            devX = features(encoder, cache, dev);
            testX = features(encoder, cache, test);
        }
        int[] devY = labels(dev);
        List<Category> devRules = ruleLabels(rules, engine, dev), testRules = ruleLabels(rules, engine, test);
        List<Category> devGold = dev.stream().map(CorpusLines::gold).toList(), testGold = test.stream().map(CorpusLines::gold).toList();

        // leave whole dev domains out, a fold at a time: what the head says about markets it was not fitted on
        HeadTrainer trainer = HeadTrainer.defaults();
        List<double[]> heldOut = new ArrayList<>(java.util.Collections.nCopies(dev.size(), (double[]) null));
        TreeSet<String> domains = new TreeSet<>();
        dev.forEach(l -> domains.add(l.domain()));
        List<String> ordered = new ArrayList<>(domains);
        for (int fold = 0; fold < folds; fold++) {
            java.util.Set<String> left = new TreeSet<>();
            for (int j = fold; j < ordered.size(); j += folds) left.add(ordered.get(j));
            List<Features> x = new ArrayList<>();
            List<Integer> y = new ArrayList<>();
            for (int i = 0; i < dev.size(); i++) {
                if (left.contains(dev.get(i).domain())) continue;
                x.add(devX.get(i));
                y.add(devY[i]);
            }
            LinearHead h = trainer.fit(LABELS, x, y.stream().mapToInt(Integer::intValue).toArray(), hashSlots);
            for (int i = 0; i < dev.size(); i++) if (left.contains(dev.get(i).domain())) heldOut.set(i, h.probabilities(devX.get(i)));
            err.println("  fold " + (fold + 1) + "/" + folds + " left out " + left);
        }
        Map<Category, Double> thresholds = Combination.capFalseAlarms(devGold, devRules, LABELS, heldOut,
                Combination.thresholds(devGold, devRules, LABELS, heldOut, target), maxNoneFlagged);
        Scoreboard lodo = Scoreboard.of(devGold, Combination.rulesFirst(devRules, Combination.learned(LABELS, heldOut, thresholds)));
        // live only if it speaks at all and, rules and learned together, false alarms stay rare on left-out domains;
        // each threshold already keeps the verdicts the opinion adds at the target precision
        boolean precise = !thresholds.isEmpty() && lodo.noneFlagged() <= maxNoneFlagged;

        LinearHead head = trainer.fit(LABELS, devX, devY, hashSlots);
        List<double[]> testP = testX.stream().map(head::probabilities).toList();
        List<Category> testLearned = Combination.learned(LABELS, testP, thresholds);

        out.println("thresholds (chosen on left-out dev domains for precision >= " + target + "): " + thresholds);
        out.println();
        out.println("dev, each domain scored by a head fitted without its fold, rules first:");
        lodo.print(out);
        out.println();
        out.println("held-out test domains " + split.testDomains() + ", rules alone:");
        Scoreboard.of(testGold, testRules).print(out);
        out.println();
        out.println("held-out test domains, learned alone:");
        Scoreboard.of(testGold, testLearned).print(out);
        out.println();
        out.println("held-out test domains, learned first:");
        Scoreboard.of(testGold, Combination.learnedFirst(testRules, testLearned)).print(out);
        out.println();
        out.println("held-out test domains, rules first:");
        Scoreboard.of(testGold, Combination.rulesFirst(testRules, testLearned)).print(out);

        boolean nudges = live != null ? live : precise;
        out.println();
        out.println(nudges ? "the learned opinion nudges live (after the rules)"
                : "the learned opinion only marks possible moments in the summary: it found no threshold precise enough, or rules and learned together flagged too many no-pressure lines on left-out dev domains");
        if (outFile != null) {
            ObjectNode about = new ObjectMapper().createObjectNode();
            about.put("trainedOn", "dev domains of " + corpus + ": " + String.join(", ", domains));
            about.put("lines", dev.size());
            about.put("command", "pressure-monitor train --out " + outFile);
            LearnedModel model = new LearnedModel(head, hashSlots, hashWeight, thresholds, nudges);
            if (outFile.getParent() != null) Files.createDirectories(outFile.getParent());
            try (OutputStream o = Files.newOutputStream(outFile)) {
                model.write(o, about);
            }
            out.println("wrote " + outFile);
        }
        return 0;
    }

    private List<Features> features(SentenceEncoder encoder, Map<String, float[]> cache, List<CorpusLines> lines) {
        Function<String, float[]> embed = t -> cache.computeIfAbsent(t, encoder::encode);
        return lines.stream().map(l -> features(embed, l.text(), l.context(), hashSlots, hashWeight)).toList();
    }

    /** A line's features for a head with these hash settings; {@code embed} gives a text's sentence embedding. */
    static Features features(Function<String, float[]> embed, String text, String context, int hashSlots, double hashWeight) {
        // as the opinion judges (LearnedOpinion.features): "dont" read as "don't"
        text = MissingApostrophes.restore(text);
        context = MissingApostrophes.restore(context);
        float[] t = embed.apply(text);
        float[] c = context == null || context.isBlank() ? null : embed.apply(context);
        return Features.of(t, c, WordHashes.slots(text, hashSlots), hashWeight);
    }

    private static int[] labels(List<CorpusLines> lines) {
        return lines.stream().mapToInt(l -> index(LABELS, l.gold())).toArray();
    }

    /** Where {@code gold} (null for NONE) is among a head's labels. */
    static int index(List<String> labels, Category gold) {
        return labels.indexOf(gold == null ? "NONE" : gold.name());
    }

    private static List<Category> ruleLabels(TextClassifier rules, RuleEngine engine, List<CorpusLines> lines) {
        return lines.stream().map(l -> ruleLabel(rules, engine, l.text(), l.context())).toList();
    }

    /** The label the rules alone give a line, null for none. */
    static Category ruleLabel(TextClassifier rules, RuleEngine engine, String text, String context) {
        return TextClassifier.primary(rules.classify(text, context), engine.pack()).orElse(null);
    }
}
