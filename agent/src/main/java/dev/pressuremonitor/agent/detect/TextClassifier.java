package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Classifies one written rep utterance, optionally after the prospect's previous utterance, by running it
 * through a fresh {@link Detector} exactly as live words would go.
 */
public final class TextClassifier {
    /** Gap between the prospect's context utterance and the rep's answer. */
    static final double TURN_GAP = 0.6;

    private final RuleEngine engine;
    private final SecondOpinion opinion;
    private final boolean prospectHeard;

    public TextClassifier(RuleEngine engine) {
        this(engine, null);
    }

    /** @param opinion the learned second opinion, or null for rules alone */
    public TextClassifier(RuleEngine engine, SecondOpinion opinion) {
        this(engine, opinion, true);
    }

    /**
     * @param prospectHeard false to classify as a set-up that hears only the rep's microphone: contexts are ignored,
     *                      and what needs the prospect's objection is heard without it ({@link ContextFilter})
     */
    public TextClassifier(RuleEngine engine, SecondOpinion opinion, boolean prospectHeard) {
        this.engine = engine;
        this.opinion = opinion;
        this.prospectHeard = prospectHeard;
    }

    public List<Alert> classify(String text, String prospectContext) {
        if (!prospectHeard) prospectContext = null;
        // a line without context was said with the prospect listening and silent, unless nobody hears the prospect
        Detector detector = new Detector(engine, new AlertPolicy(Frequency.OFTEN, EnumSet.copyOf(Category.pressure())),
                MetricsThresholds.research(), prospectHeard, opinion);
        double t = 0;
        if (prospectContext != null && !prospectContext.isBlank()) {
            List<Word> said = TextTokenizer.words(prospectContext, 0);
            detector.accept(new TranscriptSegment(Speaker.PROSPECT, true, said));
            if (!said.isEmpty()) t = said.get(said.size() - 1).end() + TURN_GAP;
        }
        List<Alert> alerts = new ArrayList<>();
        for (Event e : detector.accept(new TranscriptSegment(Speaker.REP, true, TextTokenizer.words(text, t)))) {
            if (e instanceof Alert a) alerts.add(a);
        }
        return alerts;
    }

    /** The one label an utterance gets for evaluation: its heaviest alert's category (earliest on a tie). */
    public static Optional<Category> primary(List<Alert> alerts, RulePack pack) {
        return primaryAlert(alerts, pack).map(Alert::category);
    }

    /** The alert that decides an utterance's label: the heaviest (earliest on a tie). */
    public static Optional<Alert> primaryAlert(List<Alert> alerts, RulePack pack) {
        Alert best = null;
        double bestWeight = -1;
        for (Alert a : alerts) {
            double w = weightOf(a.rule(), pack);
            if (w > bestWeight) {
                best = a;
                bestWeight = w;
            }
        }
        return Optional.ofNullable(best);
    }

    private static double weightOf(String ruleId, RulePack pack) {
        for (Rule r : pack.rules()) if (r.id().equals(ruleId)) return r.weight();
        return 0;
    }
}
