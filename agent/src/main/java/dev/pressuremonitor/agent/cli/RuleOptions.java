package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.models.MindsetChart;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --rules FILE}: the user's own rule packs on top of the shipped one. */
final class RuleOptions {
    @Option(names = "--rules", paramLabel = "FILE",
            description = "Add the rules in this JSON rule pack to the default pack (repeatable); a rule with a default rule's id replaces it.")
    List<Path> rules = new ArrayList<>();

    RuleEngine engine() {
        return new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefaultPlus(rules));
    }
}
