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
                "{\"id\":\"a\",\"label\":\"CHASE\",\"labels\":[\"CHASE\"],\"alerts\":[{\"category\":\"CHASE\",\"rule\":\"chase.checking-in\",\"phrase\":\"checking in to see\",\"severity\":\"MEDIUM\"}]}",
                "{\"id\":\"b\",\"label\":\"NONE\",\"labels\":[],\"alerts\":[]}",
                "{\"id\":\"3\",\"label\":\"COUNTER\",\"labels\":[\"COUNTER\"],\"alerts\":[{\"category\":\"COUNTER\",\"rule\":\"counter.rebuttal\",\"phrase\":\"that's not true\",\"severity\":\"HIGH\"}]}");
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
        assertThat(r.out().lines().toList().get(3)).isEqualTo("{\"id\":\"d\",\"label\":\"NONE\",\"labels\":[],\"alerts\":[]}");
        assertThat(r.err()).contains("2 malformed line(s)");
    }

    @Test
    void linesFromElsewhereAreLabelledWithTheirExtraFieldsIgnoredAndSaidOnce() {
        CliTest r = CliTest.run("""
                {"id": "a", "text": "just checking in on that proposal", "speaker": "rep", "source": "crm"}
                {"id": "b", "text": "what made you take this call today?", "speaker": "rep"}
                """, "classify", "--learned", "off");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).hasSize(2).allMatch(l -> !l.contains("error"));
        assertThat(r.out().lines().toList().get(0)).contains("\"label\":\"CHASE\"");
        assertThat(r.err()).containsOnlyOnce("field 'speaker' is not read").containsOnlyOnce("field 'source' is not read");
    }

    @Test
    void aLineWithoutAnIdIsAnsweredWithItsLineNumber() {
        CliTest r = CliTest.run("""
                {"text": "hi there"}
                {"text": "are you ready to sign today"}
                """, "classify", "--learned", "off");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().toList().get(1)).doesNotContain("\"id\"").contains("\"label\":\"CLOSE\"").contains("\"line\":2");
    }

    @Test
    void theProspectsWordsMayComeAsTheirTurnsTheLastOneBeingJustBeforeTheRep() {
        // rules alone read these words as arguing only after the prospect's refusal
        String line = "{\"id\": \"a\", \"text\": \"But you haven't even seen what it does yet.\", \"context\": %s}\n";
        String refusal = "\"Please take me off your list.\"";
        assertThat(classify(line.formatted(refusal))).contains("\"label\":\"COUNTER\"");
        assertThat(classify(line.formatted("[\"hi\", " + refusal + "]"))).contains("\"label\":\"COUNTER\"");
        assertThat(classify(line.formatted("{\"speaker\": \"prospect\", \"text\": " + refusal + "}"))).contains("\"label\":\"COUNTER\"");
        assertThat(classify(line.formatted("[" + refusal + ", \"sure, go on\"]"))).as("the refusal was not the last turn").contains("\"label\":\"NONE\"");
    }

    private static String classify(String lines) {
        CliTest r = CliTest.run(lines, "classify", "--learned", "off");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        return r.out();
    }

    @Test
    void theOneLabelEvalScoresComesFirst() {
        // a pitch and a close in one turn: the close is the heavier rule, so eval scores it CLOSE
        CliTest r = CliTest.run("{\"id\": \"a\", \"text\": \"we are the number one provider in the state so are you ready to sign today\"}\n",
                "classify", "--learned", "off");
        assertThat(r.out()).contains("\"label\":\"CLOSE\"").contains("\"labels\":[\"CLOSE\",\"PITCH\"]");
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
