package dev.pressuremonitor.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A slice of the real corpus (two dev and two test domains, 80 lines each), so that {@code train} runs in seconds. */
final class SmallCorpus {
    private SmallCorpus() {}

    static Path create(Path dir) throws IOException {
        Path corpus = dir.resolve("corpus");
        Path domains = Files.createDirectories(corpus.resolve("domains"));
        Files.copy(Path.of("../seeds/corpus/split.json"), corpus.resolve("split.json"));
        for (String d : List.of("b2b-software", "cars", "telecom", "equipment")) {
            List<String> lines = Files.readAllLines(Path.of("../seeds/corpus/domains", d + ".jsonl"), StandardCharsets.UTF_8);
            Files.write(domains.resolve(d + ".jsonl"), lines.subList(0, 80), StandardCharsets.UTF_8);
        }
        return corpus;
    }
}
