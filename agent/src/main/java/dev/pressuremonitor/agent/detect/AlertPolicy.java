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
    private final RuleControls rules;
    private final Map<String, Double> lastByRule = new java.util.HashMap<>();

    public AlertPolicy(Frequency frequency, Set<Category> enabled) {
        this(frequency, enabled, new RuleControls());
    }

    /** @param rules the team's per-rule settings (off, or turned down), read at every alert */
    public AlertPolicy(Frequency frequency, Set<Category> enabled, RuleControls rules) {
        this.rules = rules;
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
        RuleControls.Setting setting = rules.of(a.rule());
        if (setting == RuleControls.Setting.OFF) return false;
        Double lastOfRule = lastByRule.get(a.rule());
        if (setting == RuleControls.Setting.DOWN && lastOfRule != null && now - lastOfRule < RuleControls.DOWN_COOLDOWN_SECONDS) return false;
        Double last = lastNudge.get(a.category());
        if (last != null && now - last < frequency.cooldownSeconds()) return false;
        while (!recentNudges.isEmpty() && recentNudges.peekFirst() <= now - 60) recentNudges.removeFirst();
        if (recentNudges.size() >= frequency.perMinute()) return false;
        lastNudge.put(a.category(), now);
        lastByRule.put(a.rule(), now);
        recentNudges.addLast(now);
        return true;
    }
}
