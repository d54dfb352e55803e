package dev.pressuremonitor.models;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the server tells a team's agents about the team's choices: sent when an agent connects and again whenever
 * a manager changes them. Per rule, {@code off} (never nudges for this team) or {@code down} (nudges at most once
 * every few minutes); rules not named nudge as usual. {@code model} is the SHA-256 of the team's refitted learned
 * model, or null for the shipped one.
 *
 * @param type always {@value #TYPE}, so an agent tells it from a reply to an event
 */
public record TeamSettings(String type, String team, Map<String, String> rules, String model) {
    public static final String TYPE = "team_settings";
    public static final String OFF = "off", DOWN = "down", ON = "on";

    public TeamSettings {
        Require.nonNull(type, "type");
        if (!TYPE.equals(type)) throw new IllegalArgumentException("field 'type' must be '" + TYPE + "', was '" + type + "'");
        Require.nonNull(team, "team");
        Require.nonNull(rules, "rules");
        for (Map.Entry<String, String> e : rules.entrySet()) {
            checkRule(e.getKey());
            if (!OFF.equals(e.getValue()) && !DOWN.equals(e.getValue())) {
                throw new IllegalArgumentException("rule '" + e.getKey() + "': setting must be 'off' or 'down', was '" + e.getValue() + "'");
            }
        }
        rules = java.util.Collections.unmodifiableMap(new TreeMap<>(rules));
    }

    public static TeamSettings of(String team, Map<String, String> rules, String model) {
        return new TeamSettings(TYPE, team, rules, model);
    }

    /** A rule id as rule packs write them ({@code urgency.deadline}, {@code learned.close}). */
    public static void checkRule(String rule) {
        if (rule == null || !rule.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("'" + rule + "' is not a rule id (lower case, digits, '.', '_' or '-', such as urgency.deadline or learned.close)");
        }
    }

    public String toJson() {
        return Json.write(this);
    }

    public static TeamSettings parse(String json) throws DecodeException {
        return Json.read(json, TeamSettings.class);
    }
}
