package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.TextClassifier;
import dev.pressuremonitor.agent.detect.learned.Combination;
import dev.pressuremonitor.agent.detect.learned.EmbeddingCache;
import dev.pressuremonitor.agent.detect.learned.Features;
import dev.pressuremonitor.agent.detect.learned.HeadTrainer;
import dev.pressuremonitor.agent.detect.learned.LearnedModel;
import dev.pressuremonitor.agent.detect.learned.LinearHead;
import dev.pressuremonitor.agent.detect.learned.SentenceEncoder;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.TeamModelFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code train --with-feedback}: refits the learned opinion's head on our dev corpus plus a team's own lines,
 * starting from the model in use and held close to it, then measures the refit against that model on our
 * held-out test domains and on the team's held-out calls before anyone may use it (see {@link RefitComparison}).
 * The thresholds stay the base model's: they were chosen on left-out domains, which a few hundred team lines
 * cannot redo honestly.
 */
final class FeedbackRefit {
    /** Exit code of a refit that did not keep precision: the file is written, marked not accepted. */
    static final int REFUSED = 3;

    record Settings(Path corpus, List<Path> feedback, String team, Path baseModel, Path out, Path cacheDir,
                    double feedbackWeight, int steps, double rate) {}

    private final Settings s;
    private final RuleEngine engine;
    private final PrintWriter out, err;

    FeedbackRefit(Settings s, RuleEngine engine, PrintWriter out, PrintWriter err) {
        this.s = s;
        this.engine = engine;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException {
        List<TeamLines> all = TeamLines.read(s.feedback());
        if (all.isEmpty()) throw new UserException("the feedback files hold no lines: mark some nudges first, then 'pressure-monitor feedback export --team T > FILE'");
        String team = teamOf(all);
        Map<Boolean, List<TeamLines>> split = TeamLines.holdOut(all);
        List<TeamLines> teamTrain = split.get(false), teamTest = split.get(true);

        CorpusSplit corpus = CorpusSplit.read(s.corpus());
        List<CorpusLines> dev = CorpusLines.read(corpus.files(CorpusSplit.DEV, err));
        List<CorpusLines> test = CorpusLines.read(corpus.files(CorpusSplit.TEST, err));
        LearnedModel base = LearnedOptions.read(s.baseModel());
        List<String> labels = base.head().labels();

        List<Features> devX, testX, allX;
        String encoderId;
        try (SentenceEncoder encoder = SentenceEncoder.load()) {
            encoderId = encoder.id();
            EmbeddingCache cache = EmbeddingCache.open(s.cacheDir(), encoder.id(), encoder::encode);
            devX = dev.stream().map(l -> features(cache, base, l.text(), l.context())).toList();
            testX = test.stream().map(l -> features(cache, base, l.text(), l.context())).toList();
            allX = all.stream().map(l -> features(cache, base, l.text(), l.context())).toList();
            cache.save();
            err.println("embedded " + cache.computed() + " new texts (the rest from " + cache.file() + ")");
        }

        Map<TeamLines, Features> byLine = new java.util.IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) byLine.put(all.get(i), allX.get(i));
        List<Features> teamTrainX = teamTrain.stream().map(byLine::get).toList(), teamTestX = teamTest.stream().map(byLine::get).toList();
        List<Features> x = new ArrayList<>(devX);
        x.addAll(teamTrainX);
        int[] y = new int[x.size()];
        double[] extra = new double[x.size()];
        for (int i = 0; i < dev.size(); i++) {
            y[i] = TrainCommand.index(labels, dev.get(i).gold());
            extra[i] = 1;
        }
        for (int i = 0; i < teamTrain.size(); i++) {
            y[dev.size() + i] = TrainCommand.index(labels, teamTrain.get(i).gold());
            extra[dev.size() + i] = s.feedbackWeight();
        }
        err.println("refitting on " + dev.size() + " corpus lines and " + teamTrain.size() + " of the team's lines (" + s.steps() + " steps)...");
        LinearHead head = new HeadTrainer(1e-3, s.steps(), s.rate()).refine(base.head(), x, y, extra);
        LearnedModel refit = new LearnedModel(head, base.hashSlots(), base.hashWeight(), base.thresholds(), base.live());

        TextClassifier rules = new TextClassifier(engine);
        List<Category> testRules = test.stream().map(l -> TrainCommand.ruleLabel(rules, engine, l.text(), l.context())).toList();
        List<Category> teamRules = teamTest.stream().map(l -> TrainCommand.ruleLabel(rules, engine, l.text(), l.context())).toList();
        List<Category> testGold = test.stream().map(CorpusLines::gold).toList(), teamGold = teamTest.stream().map(TeamLines::gold).toList();

        RuleDisagreement.of(all, rules, engine.pack(), learned(base, allX)).print(out);
        out.println();

        RefitComparison ours = RefitComparison.of("our held-out test domains " + new TreeSet<>(test.stream().map(CorpusLines::domain).toList()), testGold,
                combined(testRules, base, testX), combined(testRules, refit, testX), RefitComparison.Tolerance.STANDARD_ERROR);
        ours.print(out);
        out.println();
        RefitComparison theirs = null;
        if (teamTest.isEmpty()) {
            out.println("team '" + team + "': " + TeamLines.groups(all) + " call(s) of feedback, too few to hold one out; only our held-out domains"
                    + " score this refit (with marks from two calls or more, one in " + TeamLines.HOLD_OUT_EVERY + " is held out)");
        } else {
            theirs = RefitComparison.of("team '" + team + "' held-out calls (" + TeamLines.groups(teamTest) + " of " + TeamLines.groups(all) + ")",
                    teamGold, combined(teamRules, base, teamTestX), combined(teamRules, refit, teamTestX), RefitComparison.Tolerance.NONE);
            theirs.print(out);
        }
        out.println();
        out.println("tolerance: on our held-out domains a category's precision may fall by one standard error of the base model's"
                + " precision there (a few lines either way); on the team's held-out calls it may not fall at all");

        List<String> failures = new ArrayList<>(ours.failures());
        if (theirs != null) failures.addAll(theirs.failures());
        boolean accepted = failures.isEmpty();
        if (s.out() != null) write(team, encoderId, accepted, ours, theirs, refit, teamTrain.size(), dev.size());
        if (accepted) {
            out.println("ACCEPTED: no category lost precision beyond the tolerance"
                    + (s.out() == null ? "" : "; push it to the team's agents with 'pressure-monitor model push --team " + team + " " + s.out() + "'"));
            return 0;
        }
        out.println("REFUSED: the refit would lower precision: " + String.join("; ", failures));
        out.println("keep the model in use; look at the lines the team marked (a mislabelled batch does this), or mark more calls and train again"
                + (s.out() == null ? "" : " (" + s.out() + " is written, marked not accepted: the server will not take it)"));
        return REFUSED;
    }

    private String teamOf(List<TeamLines> lines) {
        Set<String> teams = new TreeSet<>();
        lines.forEach(l -> teams.add(l.team()));
        if (s.team() != null) {
            teams.remove(s.team());
            if (!teams.isEmpty()) {
                throw new UserException("the feedback holds lines of other teams " + teams + " beside '" + s.team()
                        + "': a team's model learns from that team's marks only; export with 'feedback export --team " + s.team() + "'");
            }
            return s.team();
        }
        if (teams.size() > 1) throw new UserException("the feedback holds lines of several teams " + teams + ": pass --team T and that team's lines only");
        return teams.iterator().next();
    }

    private void write(String team, String encoderId, boolean accepted, RefitComparison ours, RefitComparison theirs,
                       LearnedModel refit, int teamLines, int corpusLines) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode comparison = mapper.createObjectNode();
        comparison.set("ours", ours.toJson());
        if (theirs != null) comparison.set("team", theirs.toJson());
        ObjectNode about = mapper.createObjectNode();
        about.put("refitFrom", s.baseModel() == null ? "the shipped model" : s.baseModel().toString());
        about.put("corpusLines", corpusLines);
        about.put("teamLines", teamLines);
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        refit.write(model, about);
        JsonNode modelJson = mapper.readTree(model.toByteArray());
        byte[] file = TeamModelFile.write(team, Instant.now(), encoderId, accepted, comparison, modelJson);
        if (s.out().getParent() != null) Files.createDirectories(s.out().getParent());
        Files.write(s.out(), file);
        out.println("wrote " + s.out() + " (team " + team + ", " + (accepted ? "accepted" : "NOT accepted") + ")");
    }

    private static List<Category> combined(List<Category> rules, LearnedModel model, List<Features> x) {
        return Combination.rulesFirst(rules, learned(model, x));
    }

    private static List<Category> learned(LearnedModel model, List<Features> x) {
        return Combination.learned(model.head().labels(), x.stream().map(model.head()::probabilities).toList(), model.thresholds());
    }

    private static Features features(EmbeddingCache cache, LearnedModel model, String text, String context) {
        return TrainCommand.features(cache::embed, text, context, model.hashSlots(), model.hashWeight());
    }
}
