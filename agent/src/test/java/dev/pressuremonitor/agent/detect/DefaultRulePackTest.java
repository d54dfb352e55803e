package dev.pressuremonitor.agent.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultRulePackTest {
    static final Path CORPUS = Path.of("..", "seeds", "corpus");

    @Test
    void theShippedPackLoadsWithEveryCategoryCovered() {
        RulePack pack = new RulePackLoader(MindsetChart.standard()).loadDefault();
        Set<Category> covered = new HashSet<>();
        pack.rules().forEach(r -> covered.add(r.category()));
        assertThat(covered).containsExactlyInAnyOrder(Category.values());
    }

    @Test
    void everyRuleFiresOnAtLeastOneCorpusLine() throws Exception {
        RuleEngine engine = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());
        Set<String> fired = new HashSet<>();
        for (String split : List.of("dev.jsonl", "test.jsonl")) {
            for (String line : Files.readAllLines(CORPUS.resolve(split))) {
                JsonNode n = Json.readTree(line);
                scan(engine, Speaker.REP, n.get("text").asText(), fired);
                if (n.has("context")) scan(engine, Speaker.PROSPECT, n.get("context").asText(), fired);
            }
        }
        List<String> silent = engine.pack().rules().stream().map(Rule::id).filter(id -> !fired.contains(id)).toList();
        assertThat(silent).as("rules that no corpus line exercises").isEmpty();
    }

    private static void scan(RuleEngine engine, Speaker speaker, String text, Set<String> fired) {
        engine.scan(Utterance.of(speaker, TextTokenizer.words(text, 0))).forEach(h -> fired.add(h.rule().id()));
    }
}
