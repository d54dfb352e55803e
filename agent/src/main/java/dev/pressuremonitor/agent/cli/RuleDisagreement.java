package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.detect.RulePack;
import dev.pressuremonitor.agent.detect.TextClassifier;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which rules a team disagrees with most: for each line the team marked "not pressure", the rules that fire on it
 * (and {@code learned.<category>} where the learned opinion does and no rule did, and the rule the export names);
 * for each line marked as a missed moment of category X, whether nothing heard it or another category did.
 */
final class RuleDisagreement {
    /** How many rows are printed. */
    static final int TOP = 10;

    private final Map<String, int[]> counts = new HashMap<>(); // key -> {not pressure, missed}

    static RuleDisagreement of(List<TeamLines> lines, TextClassifier rules, RulePack pack, List<Category> learned) {
        RuleDisagreement d = new RuleDisagreement();
        for (int i = 0; i < lines.size(); i++) {
            TeamLines l = lines.get(i);
            List<Alert> alerts = rules.classify(l.text(), l.context());
            Set<String> fired = new LinkedHashSet<>();
            for (Alert a : alerts) if (a.category().isPressure()) fired.add(a.rule());
            if (fired.isEmpty() && learned.get(i) != null) fired.add("learned." + learned.get(i).name().toLowerCase(Locale.ROOT));
            if (l.gold() == null) {
                if (l.rule() != null) fired.add(l.rule());
                fired.forEach(r -> d.counts.computeIfAbsent(r, k -> new int[2])[0]++);
            } else {
                Category heard = TextClassifier.primary(alerts, pack).orElse(learned.get(i));
                if (heard == l.gold()) continue;
                String key = heard == null ? l.gold() + " (no rule heard it)" : l.gold() + " (heard as " + heard + ")";
                d.counts.computeIfAbsent(key, k -> new int[2])[1]++;
            }
        }
        return d;
    }

    /** Rule ids (or missed categories), most disagreed with first. */
    List<Map.Entry<String, int[]>> ranked() {
        List<Map.Entry<String, int[]>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -(e.getValue()[0] + e.getValue()[1])).thenComparing(Map.Entry::getKey));
        return rows;
    }

    void print(PrintWriter out) {
        List<Map.Entry<String, int[]>> rows = ranked();
        if (rows.isEmpty()) {
            out.println("the team's marks agree with every rule (nothing marked not pressure was nudged, nothing marked missed was missed)");
            return;
        }
        out.println("what the team disagrees with most (turn a rule down or off for the team on the team page):");
        for (Map.Entry<String, int[]> e : rows.subList(0, Math.min(TOP, rows.size()))) {
            int[] c = e.getValue();
            out.printf(Locale.ROOT, "  %-36s %s%n", e.getKey(), c[0] > 0 ? c[0] + " marked not pressure" : c[1] + " missed");
        }
    }
}
