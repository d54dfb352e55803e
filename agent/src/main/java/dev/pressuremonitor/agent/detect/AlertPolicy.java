package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Policy stage: decides which detected alerts become live nudges. Every alert is still recorded (the summary
 * wants them all); this only sets {@link Alert#nudge()}.
 */
public final class AlertPolicy {
    private final Frequency frequency;
    private final Set<Category> enabled;
    private final Map<Category, Double> lastNudge = new EnumMap<>(Category.class);
    private final Deque<Double> recentNudges = new ArrayDeque<>();

    public AlertPolicy(Frequency frequency, Set<Category> enabled) {
        this.frequency = frequency;
        this.enabled = enabled.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(enabled);
    }

    public static AlertPolicy defaults() {
        return new AlertPolicy(Frequency.NORMAL, EnumSet.copyOf(Category.pressure()));
    }

    public Alert decide(Alert alert) {
        return alert.withNudge(shouldNudge(alert));
    }

    private boolean shouldNudge(Alert a) {
        if (!enabled.contains(a.category())) return false;
        if (a.severity().compareTo(frequency.minSeverity()) < 0) return false;
        double now = a.start();
        Double last = lastNudge.get(a.category());
        if (last != null && now - last < frequency.cooldownSeconds()) return false;
        while (!recentNudges.isEmpty() && recentNudges.peekFirst() <= now - 60) recentNudges.removeFirst();
        if (recentNudges.size() >= frequency.perMinute()) return false;
        lastNudge.put(a.category(), now);
        recentNudges.addLast(now);
        return true;
    }
}
