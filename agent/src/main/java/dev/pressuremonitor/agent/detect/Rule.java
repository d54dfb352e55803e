package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;

import java.util.List;
import java.util.Set;

/**
 * One compiled rule of a rule pack.
 *
 * @param patterns     any of these triggers the rule
 * @param unless       a match of any of these within {@code guardWindow} tokens of the trigger vetoes it
 *                     (hard negatives such as "as a follow up to your point")
 * @param unlessInClause hard negatives that veto the trigger anywhere in its clause ("just following up with the
 *                     floor plan you asked for")
 * @param negatable    whether a negator shortly before the trigger vetoes it ("i am not going to push you")
 * @param speaker      whose words the rule listens to
 * @param afterSignals when not empty, the rule fires only within {@code afterWithin} seconds after the prospect
 *                     raised one of these (an objection, a value challenge)
 * @param unlessAfter  the rule stays silent within {@code unlessWithin} seconds after the prospect raised one of
 *                     these: credentials given because the prospect asked about us answer them, they are no pitch
 * @param firesUnheard where the prospect is not heard at all (only the rep's microphone), the rule fires without
 *                     the signal {@code afterSignals} asks for, which can never be heard there
 * @param openingOnly  fires only in the call's opening
 * @param reframe      what to offer instead; null for trust and prospect-signal rules
 */
public record Rule(String id, Category category, Severity severity, double weight,
                   List<PhrasePattern> patterns, List<PhrasePattern> unless, int guardWindow, List<PhrasePattern> unlessInClause, boolean negatable,
                   Speaker speaker, Set<Category> afterSignals, double afterWithin, boolean firesUnheard,
                   Set<Category> unlessAfter, double unlessWithin, boolean openingOnly,
                   Reframe reframe) {
    public Rule {
        patterns = List.copyOf(patterns);
        unless = List.copyOf(unless);
        unlessInClause = List.copyOf(unlessInClause);
        afterSignals = Set.copyOf(afterSignals);
        unlessAfter = Set.copyOf(unlessAfter);
    }
}
