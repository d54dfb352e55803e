package dev.pressuremonitor.agent.detect.learned;

import dev.pressuremonitor.agent.detect.MissingApostrophes;
import dev.pressuremonitor.agent.detect.SecondOpinion;
import dev.pressuremonitor.models.Category;

import java.util.Optional;
import java.util.function.Function;

/**
 * The shipped second opinion: embeds the rep's turn (and the prospect's turn before it), adds its hashed words,
 * and lets the trained head name the most likely pressure when it is at least as sure as that category's threshold.
 * Thread-safe; the last context embedding is remembered, since a prospect turn is usually followed by several
 * rep utterances.
 */
public final class LearnedOpinion implements SecondOpinion {
    private final Function<String, float[]> encoder;
    private final LearnedModel model;
    private volatile Cached lastContext;

    private record Cached(String text, float[] vector) {
    }

    public LearnedOpinion(SentenceEncoder encoder, LearnedModel model) {
        this(encoder::encode, model);
    }

    /** @param encoder a text's unit-length embedding (a stand-in for the sentence model in tests) */
    LearnedOpinion(Function<String, float[]> encoder, LearnedModel model) {
        this.encoder = encoder;
        this.model = model;
    }

    public LearnedModel model() {
        return model;
    }

    @Override
    public boolean live() {
        return model.live();
    }

    @Override
    public Optional<Verdict> judge(String repText, String prospectContext) {
        if (repText == null || repText.isBlank()) return Optional.empty();
        double[] p = probabilities(repText, prospectContext);
        Category c = Combination.verdict(model.head().labels(), p, model.thresholds());
        return c == null ? Optional.empty() : Optional.of(new Verdict(c, p[model.head().labels().indexOf(c.name())]));
    }

    /** Each label's probability, in the head's label order (NONE first). */
    public double[] probabilities(String repText, String prospectContext) {
        return model.head().probabilities(features(repText, prospectContext));
    }

    Features features(String repText, String prospectContext) {
        // as the head was fitted (TrainCommand.features): contractions with their apostrophes
        repText = MissingApostrophes.restore(repText);
        prospectContext = MissingApostrophes.restore(prospectContext);
        float[] context = null;
        if (prospectContext != null && !prospectContext.isBlank()) {
            Cached c = lastContext;
            if (c == null || !c.text().equals(prospectContext)) {
                c = new Cached(prospectContext, encoder.apply(prospectContext));
                lastContext = c;
            }
            context = c.vector();
        }
        return Features.of(encoder.apply(repText), context, WordHashes.slots(repText, model.hashSlots()), model.hashWeight());
    }
}
