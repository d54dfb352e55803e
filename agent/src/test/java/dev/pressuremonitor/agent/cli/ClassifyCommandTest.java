package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifyCommandTest {

    @Test
    void writesOneResultPerLineInInputOrder() {
        CliTest r = CliTest.run("""
                {"id": "a", "text": "just checking in to see if you got my email"}
                {"id": "b", "text": "what made you take this call today?"}
                {"id": 3, "text": "that's not true at all", "context": "we tried this before and it didn't work"}
                """, "classify");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "{\"id\":\"a\",\"labels\":[\"CHASE\"],\"alerts\":[{\"category\":\"CHASE\",\"rule\":\"chase.checking-in\",\"phrase\":\"checking in to see\",\"severity\":\"MEDIUM\"}]}",
                "{\"id\":\"b\",\"labels\":[],\"alerts\":[]}",
                "{\"id\":\"3\",\"labels\":[\"COUNTER\"],\"alerts\":[{\"category\":\"COUNTER\",\"rule\":\"counter.rebuttal\",\"phrase\":\"that's not true\",\"severity\":\"HIGH\"}]}");
    }

    @Test
    void aMalformedLineGetsAnErrorLineAndTheRestContinues() {
        CliTest r = CliTest.run("""
                {"id": "a", "text": "are you ready to sign today"}
                this is not json
                {"id": "c"}
                {"id": "d", "text": "sounds good, talk soon"}
                """, "classify");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines()).hasSize(4);
        assertThat(r.out().lines().toList().get(0)).contains("\"labels\":[\"CLOSE\"]");
        assertThat(r.out().lines().toList().get(1)).startsWith("{\"line\":2,\"error\":\"malformed JSON at column 1");
        assertThat(r.out().lines().toList().get(2)).isEqualTo("{\"id\":\"c\",\"line\":3,\"error\":\"missing field 'text'\"}");
        assertThat(r.out().lines().toList().get(3)).isEqualTo("{\"id\":\"d\",\"labels\":[],\"alerts\":[]}");
        assertThat(r.err()).contains("2 malformed line(s)");
    }

    @Test
    void aUserRulePackAddsDetections(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("team.json");
        Files.writeString(rules, """
                {"version": 1, "rules": [{"id": "urgency.board", "category": "URGENCY", "patterns": ["before the board meets"],
                  "reframe": {"shift": "remove-hidden-pressure", "ask": "Whose timeline is this, yours or mine?"}}]}
                """);
        CliTest r = CliTest.run("{\"id\":\"x\",\"text\":\"we should wrap this up before the board meets\"}\n", "classify", "--rules", rules.toString());
        assertThat(r.out()).contains("\"rule\":\"urgency.board\"");
    }

    @Test
    void whereTwoRulesClaimTheSameWordsTheHeavierOneSpeaks(@TempDir Path dir) throws Exception {
        String pack = """
                {"version": 1, "rules": [
                  {"id": "close.plink", "category": "CLOSE", "weight": %s, "patterns": ["plink plonk"],
                   "reframe": {"shift": "find-fit", "ask": "What would you need to see first?"}},
                  {"id": "urgency.plonk", "category": "URGENCY", "weight": %s, "patterns": ["plonk zarg"],
                   "reframe": {"shift": "remove-hidden-pressure", "ask": "Whose timeline is this?"}}]}
                """;
        Path closeHeavier = dir.resolve("close.json");
        Files.writeString(closeHeavier, pack.formatted(5, 1));
        Path urgencyHeavier = dir.resolve("urgency.json");
        Files.writeString(urgencyHeavier, pack.formatted(1, 5));
        String line = "{\"id\":\"x\",\"text\":\"plink plonk zarg\"}\n";
        assertThat(CliTest.run(line, "classify", "--rules", closeHeavier.toString()).out()).contains("\"labels\":[\"CLOSE\"]");
        assertThat(CliTest.run(line, "classify", "--rules", urgencyHeavier.toString()).out()).contains("\"labels\":[\"URGENCY\"]");
    }

    @Test
    void aBrokenRulePackIsOneClearLineNotAStackTrace(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("bad.json");
        Files.writeString(rules, "{\"version\": 1, \"rules\": [{\"id\": \"x\", \"category\": \"NAG\", \"patterns\": [\"hi\"]}]}");
        CliTest r = CliTest.run("", "classify", "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("pressure-monitor: " + rules + ": rule 'x': field 'category' 'NAG' is not one of");
        assertThat(r.err()).doesNotContain("at dev.pressuremonitor");
    }

    @Test
    void helpSaysWhatItDoesWithAnExample() {
        CliTest r = CliTest.run("", "classify", "--help");
        assertThat(r.out()).contains("Reads rep utterances as JSON lines").contains("Example:");
    }
}
