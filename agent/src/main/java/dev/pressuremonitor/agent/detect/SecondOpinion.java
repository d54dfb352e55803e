package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Category;

import java.util.Optional;

/**
 * A second opinion on a settled rep utterance in which the rules heard no pressure: the last stage of the chain.
 * The shipped one is a small classifier over a sentence embedding ({@code detect/learned}).
 */
public interface SecondOpinion {
    /**
     * The pressure this utterance most likely carries, if the opinion is confident enough to say so.
     *
     * @param repText         the rep's words as heard
     * @param prospectContext the prospect's turn just before, or null
     */
    Optional<Verdict> judge(String repText, String prospectContext);

    /** Whether a verdict may nudge the rep live; otherwise it only marks a possible moment in the summary. */
    boolean live();

    record Verdict(Category category, double probability) {
        public Verdict {
            if (!category.isPressure()) throw new IllegalArgumentException(category + " is not a pressure category");
        }
    }
}
