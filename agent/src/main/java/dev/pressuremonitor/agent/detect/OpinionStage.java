package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.Word;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chain's last stage: asks the {@link SecondOpinion} about each settled rep utterance the rules found no
 * pressure in, with the prospect's turn just before as context. What it hears becomes an alert with rule id
 * {@code learned.<category>}; it nudges only when the opinion is trusted live, otherwise it is a possible moment
 * for the summary and never reaches the rep during the call.
 */
final class OpinionStage {
    /** A prospect turn that ended longer ago than this is not what the rep is answering. */
    static final double CONTEXT_SECONDS = 15;
    /** The words an alert quotes from the utterance. */
    static final int QUOTE_WORDS = 14;
    static final String RULE_PREFIX = "learned.";
    /**
     * A verdict on one window of a long turn must be at least this sure: each window is another look, so another
     * chance of a false alarm (chosen on the sixteen newest dev domains, which the head was not fitted on).
     */
    static final double WINDOW_FLOOR = 0.65;

    private final SecondOpinion opinion;
    private final Map<Category, Reframe> reframes = new EnumMap<>(Category.class);
    private String lastProspect;
    private double lastProspectEnd = Double.NEGATIVE_INFINITY;

    OpinionStage(SecondOpinion opinion, RulePack pack) {
        this.opinion = opinion;
        // the reframe of the category's heaviest rule: the shift the rules would have pointed at
        Map<Category, Rule> heaviest = new EnumMap<>(Category.class);
        for (Rule r : pack.rules()) {
            if (!r.category().isPressure() || r.reframe() == null) continue;
            Rule best = heaviest.get(r.category());
            if (best == null || r.weight() > best.weight()) heaviest.put(r.category(), r);
        }
        heaviest.forEach((c, r) -> reframes.put(c, r.reframe()));
    }

    /** Call for every new settled utterance; returns the alert the opinion raises, if any. */
    Optional<Alert> settled(Speaker speaker, List<Word> words, boolean rulesHeardPressure) {
        if (speaker == Speaker.PROSPECT) {
            lastProspect = text(words, words.size());
            lastProspectEnd = words.get(words.size() - 1).end();
            return Optional.empty();
        }
        if (rulesHeardPressure) return Optional.empty();
        String context = words.get(0).start() - lastProspectEnd <= CONTEXT_SECONDS ? lastProspect : null;
        // a long turn is looked at a few sentences at a time (OpinionWindows); the surest verdict is the turn's,
        // quoting the words it was found in
        SecondOpinion.Verdict best = null;
        List<Word> said = words;
        for (int[] w : OpinionWindows.windows(words)) {
            List<Word> part = words.subList(w[0], w[1]);
            Optional<SecondOpinion.Verdict> verdict = opinion.judge(text(part, part.size()), context);
            if (verdict.isEmpty() || !reframes.containsKey(verdict.get().category())) continue;
            if (part.size() < words.size() && verdict.get().probability() < WINDOW_FLOOR) continue;
            if (best == null || verdict.get().probability() > best.probability()) {
                best = verdict.get();
                said = part;
            }
        }
        if (best == null) return Optional.empty();
        Category c = best.category();
        return Optional.of(new Alert(c, RULE_PREFIX + c.name().toLowerCase(java.util.Locale.ROOT), text(said, QUOTE_WORDS),
                Severity.MEDIUM, speaker, said.get(0).start(), said.get(said.size() - 1).end(), false, reframes.get(c)));
    }

    boolean live() {
        return opinion.live();
    }

    private static String text(List<Word> words, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words.size() && i < max; i++) {
            if (b.length() > 0) b.append(' ');
            b.append(words.get(i).text());
        }
        if (words.size() > max) b.append(" ...");
        return b.toString();
    }
}
