package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Question counting keeps its measured quality on the labelled turns in seeds/questions (the README's figures). */
class QuestionSetTest {
    static final Path TURNS = Path.of("..", "seeds", "questions", "turns.jsonl");

    @Test
    void theLabelledSetHasAtLeast150TurnsOnBothSurfaces() throws Exception {
        List<QuestionEvalCommand.Turn> all = QuestionEvalCommand.read(TURNS, "all", new PrintWriter(new StringWriter()));
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        assertThat(all).extracting(QuestionEvalCommand.Turn::surface).contains("written", "spoken");
        assertThat(all).extracting(QuestionEvalCommand.Turn::split).contains("dev", "test");
    }

    @Test
    void onHeldOutTurnsCountedQuestionsAreRealAndFewAreMissed() throws Exception {
        StringWriter misses = new StringWriter();
        Map<String, QuestionEvalCommand.Score> by = QuestionEvalCommand.score(
                QuestionEvalCommand.read(TURNS, "test", new PrintWriter(new StringWriter())), new PrintWriter(misses));
        assertThat(by.get("written").precision()).as(misses.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat(by.get("written").recall()).as(misses.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat(by.get("spoken").precision()).as(misses.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat(by.get("spoken").recall()).as(misses.toString()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void theCommandPrintsPrecisionAndRecallPerSurface() {
        CliTest r = CliTest.run("", "eval-questions", TURNS.toString(), "--split", "test");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("precision").contains("recall").containsPattern("(?m)^spoken +\\d+").containsPattern("(?m)^written +\\d+");
    }
}
