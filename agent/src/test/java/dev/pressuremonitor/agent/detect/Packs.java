package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MindsetChart;

/** Small rule packs written inline, so each stage test shows exactly the rules it runs. */
final class Packs {
    private Packs() {}

    static RulePack parse(String rulesJson) {
        String json = "{\"version\":1,\"negators\":[\"not\",\"never\"],\"negationWindow\":8,\"openingSeconds\":60,\"rules\":[" + rulesJson + "]}";
        return new RulePackLoader(MindsetChart.standard()).parse("test-pack.json", json, null);
    }

    static RuleEngine engine(String rulesJson) {
        return new RuleEngine(parse(rulesJson));
    }

    static String rule(String id, String category, String patterns, String extra) {
        String reframe = switch (category) {
            case "TRUST", "OBJECTION", "VALUE_CHALLENGE" -> "";
            default -> ",\"reframe\":{\"shift\":\"find-fit\",\"ask\":\"Is this a fit?\"}";
        };
        return "{\"id\":\"" + id + "\",\"category\":\"" + category + "\",\"patterns\":[" + patterns + "]" + reframe
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }
}
