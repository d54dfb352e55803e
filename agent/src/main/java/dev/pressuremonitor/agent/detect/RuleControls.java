package dev.pressuremonitor.agent.detect;

import java.util.Map;
import java.util.TreeMap;

/**
 * A team's per-rule choices, as its manager set them on the team page: a rule turned {@link Setting#OFF} never
 * nudges, one turned {@link Setting#DOWN} nudges at most once every {@value #DOWN_COOLDOWN_SECONDS} seconds; every
 * other rule as usual. Learned verdicts are rules too ({@code learned.close}). Changes arrive from the server while
 * a call runs and apply from the next alert on. Thread-safe.
 */
public final class RuleControls {
    public enum Setting { OFF, DOWN }

    /** How often a rule turned down may nudge, at most. */
    public static final double DOWN_COOLDOWN_SECONDS = 300;

    private volatile Map<String, Setting> settings = Map.of();

    /** Replaces every setting ({@code "off"} or {@code "down"} by rule id); returns what changed, in words. */
    public String replace(Map<String, String> wire) {
        Map<String, Setting> next = new TreeMap<>();
        wire.forEach((rule, s) -> next.put(rule, Setting.valueOf(s.toUpperCase(java.util.Locale.ROOT))));
        Map<String, Setting> before = settings;
        settings = Map.copyOf(next);
        StringBuilder b = new StringBuilder();
        java.util.SortedSet<String> named = new java.util.TreeSet<>(before.keySet());
        named.addAll(next.keySet());
        for (String rule : named) {
            Setting was = before.get(rule), now = next.get(rule);
            if (was == now) continue;
            if (b.length() > 0) b.append(", ");
            b.append(rule).append(' ').append(now == null ? "on" : now.name().toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }

    /** The setting of a rule, or null when it nudges as usual. */
    public Setting of(String rule) {
        return settings.get(rule);
    }
}
