package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading labelled corpus lines: train stops at the first unusable line, eval skips and counts them. */
class CorpusLinesTest {
    @TempDir
    Path dir;

    private Path domain(String name, String... lines) throws Exception {
        Files.createDirectories(dir.resolve("domains"));
        return Files.write(dir.resolve("domains").resolve(name + ".jsonl"), List.of(lines));
    }

    @Test
    void eachLineCarriesItsFilesDomainItsLabelAndItsContext() throws Exception {
        Path cars = domain("cars", "{\"id\":\"1\",\"text\":\"just checking in\",\"label\":\"CHASE\"}", "",
                "{\"id\":2,\"text\":\"what matters to you\",\"context\":\"we are looking\",\"label\":\"NONE\"}");
        assertThat(CorpusLines.read(List.of(cars))).containsExactly(
                new CorpusLines("cars", "1", "just checking in", null, Category.CHASE),
                new CorpusLines("cars", "2", "what matters to you", "we are looking", null));
    }

    @Test
    void trainingStopsAtTheFirstUnusableLineSayingWhereAndWhatToFix() throws Exception {
        Path cars = domain("cars", "{\"id\":\"1\",\"text\":\"fine\",\"label\":\"NONE\"}", "{\"id\":\"2\",\"text\":\"x\",\"label\":\"NAGGING\"}",
                "{\"id\":\"3\",\"text\":\"x\"}");
        assertThatThrownBy(() -> CorpusLines.read(List.of(cars))).isInstanceOf(UserException.class)
                .hasMessage(cars + ":2: field 'label': 'NAGGING' is not one of PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND, NONE"
                        + " (fix the line; training uses every line)");
    }

    @Test
    void evaluationSkipsEveryUnusableLineAndKeepsTheRest() throws Exception {
        Path cars = domain("cars", "{\"id\":\"1\",\"text\":\"x\"}", "{\"id\":\"2\",\"text\":\"fine\",\"label\":\"NONE\"}", "not json",
                "{\"id\":\"4\",\"text\":\"ring me\",\"label\":\"CHASE\",\"domain\":\"boats\"}");
        List<String> skipped = new ArrayList<>();
        List<CorpusLines> read = CorpusLines.read(List.of(cars), true, (file, line, problem) -> skipped.add(file.getFileName() + ":" + line + ": " + problem));
        assertThat(read).extracting(CorpusLines::id).containsExactly("2");
        assertThat(skipped).hasSize(3);
        assertThat(skipped.get(0)).isEqualTo("cars.jsonl:1: missing field 'label' (one of PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND, NONE)");
        assertThat(skipped.get(1)).startsWith("cars.jsonl:3: malformed JSON");
        assertThat(skipped.get(2)).isEqualTo("cars.jsonl:4: field 'domain' is 'boats' but the file holds domain 'cars': move the line to domains/boats.jsonl");
    }

    @Test
    void outsideASplitALineMayNameItsOwnDomain() throws Exception {
        Path mixed = domain("mixed", "{\"id\":\"1\",\"text\":\"ring me\",\"label\":\"CHASE\",\"domain\":\"boats\"}");
        assertThat(CorpusLines.read(List.of(mixed), false, CorpusLines.STOP)).extracting(CorpusLines::domain).containsExactly("boats");
    }
}
