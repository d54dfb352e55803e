package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Frequency;
import dev.pressuremonitor.models.Category;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.List;

/** Options every command that follows a call shares: who is talking and how chatty nudges are. */
final class CallOptions {
    @Option(names = "--rep", paramLabel = "NAME", description = "Your name, as reports and the team page show it (default: the name 'run' asked for"
            + " and remembered, else your login name).")
    String rep;

    @Option(names = "--team", paramLabel = "NAME", description = "The rep's team (default: none).", defaultValue = "")
    String team;

    @Option(names = "--frequency", paramLabel = "F", defaultValue = "NORMAL",
            description = "How often live nudges may appear: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). Every alert is still recorded.")
    Frequency frequency;

    @Option(names = "--off", paramLabel = "CATEGORY", split = ",", converter = PressureCategory.class,
            completionCandidates = PressureCategory.Names.class,
            description = "Pressure categories that never nudge live (${COMPLETION-CANDIDATES}), e.g. --off pitch,urgency.")
    List<Category> off = List.of();

    /** Set by the commands that send calls to a server (their --keep-transcript). */
    boolean sendTranscript;

    String repName() {
        if (rep == null) rep = RepName.remembered().orElse(System.getProperty("user.name", "me"));
        String r = rep.replaceAll("[^A-Za-z0-9._-]", "-");
        if (r.isEmpty() || r.length() > 64) throw new UserException("--rep must be 1 to 64 letters, digits, '.', '_' or '-', was '" + rep + "'");
        return r;
    }

    /** The team's per-rule settings, as the server sends them (none for a call without a team server). */
    final dev.pressuremonitor.agent.detect.RuleControls ruleControls = new dev.pressuremonitor.agent.detect.RuleControls();

    /**
     * Takes the team's rule settings as they arrive on the agent's connection, on connecting and whenever a manager
     * changes one, and says on {@code err} what changed.
     */
    void followTeamSettings(dev.pressuremonitor.agent.publish.AgentClient client, java.io.PrintWriter err) {
        client.onTeamSettings(s -> applyTeamRules(s.team(), s.rules(), err));
    }

    /** Replaces the rule settings with {@code rules} (by rule id: "off" or "down"), saying what changed. */
    void applyTeamRules(String team, java.util.Map<String, String> rules, java.io.PrintWriter err) {
        String changed = ruleControls.replace(rules);
        if (changed.isEmpty()) return;
        err.println("team '" + team + "' rule settings: " + changed);
        err.flush();
    }

    AlertPolicy policy() {
        EnumSet<Category> on = EnumSet.copyOf(Category.pressure());
        off.forEach(on::remove);
        return new AlertPolicy(frequency, on, ruleControls);
    }
}
