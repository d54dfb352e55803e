package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Category;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Context stage: remembers what the prospect signalled (objections, value challenges) and lets a rule through
 * only in the context it asks for: after such a signal, or in the call's opening. Where the prospect is not heard
 * at all (only the rep's microphone), a rule that says so ({@link Rule#firesUnheard()}: by default those answering an
 * objection) is let through without the signal, since it can never be heard there; the others still wait for one (the
 * rep's own restatement of it).
 */
public final class ContextFilter {
    /** A rep's words that started a moment before the prospect finished still answer the prospect. */
    private static final double OVERLAP_TOLERANCE = 0.5;
    private static final int MAX_SIGNALS = 256;

    private record Signal(Category category, double at) {}

    private final double openingSeconds;
    private final boolean prospectHeard;
    private final Deque<Signal> signals = new ArrayDeque<>();

    public ContextFilter(double openingSeconds) {
        this(openingSeconds, true);
    }

    /** @param prospectHeard whether the prospect's words reach the detector at all */
    public ContextFilter(double openingSeconds, boolean prospectHeard) {
        this.openingSeconds = openingSeconds;
        this.prospectHeard = prospectHeard;
    }

    /** The prospect raised {@code category}; {@code at} is when they stopped saying it. */
    public void prospectSignal(Category category, double at) {
        signals.addLast(new Signal(category, at));
        if (signals.size() > MAX_SIGNALS) signals.removeFirst();
    }

    public boolean allows(RuleHit hit) {
        Rule rule = hit.rule();
        if (rule.openingOnly() && hit.start() > openingSeconds) return false;
        if (!rule.unlessAfter().isEmpty() && lastSignalBefore(rule.unlessAfter(), rule.unlessWithin(), hit.start()) != null) return false;
        if (rule.afterSignals().isEmpty()) return true;
        if (!prospectHeard && rule.firesUnheard()) return true;
        return lastSignalBefore(rule, hit.start()) != null;
    }

    /** Seconds since the latest matching signal before {@code at}, or null when none is within the rule's window. */
    Double lastSignalBefore(Rule rule, double at) {
        return lastSignalBefore(rule.afterSignals(), rule.afterWithin(), at);
    }

    private Double lastSignalBefore(java.util.Set<Category> categories, double within, double at) {
        for (var it = signals.descendingIterator(); it.hasNext(); ) {
            Signal s = it.next();
            if (!categories.contains(s.category())) continue;
            if (s.at() > at + OVERLAP_TOLERANCE) continue;
            double since = Math.max(0, at - s.at());
            return since <= within ? since : null;
        }
        return null;
    }
}
