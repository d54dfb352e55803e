package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutation testing leaves out tests tagged "process" (PIT cannot see into the JVMs they start, and its timeouts
 * would orphan them): every test that starts a pressure-monitor process must carry the tag.
 */
class ProcessTestsAreTaggedTest {
    @Test
    void everyTestThatStartsAPressureMonitorProcessIsTaggedProcess() throws Exception {
        List<String> untagged;
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
            untagged = files.filter(f -> f.toString().endsWith("Test.java") && !f.endsWith("ProcessTestsAreTaggedTest.java")).filter(f -> {
                String s = read(f);
                return (s.contains("ServerProcess.start") || s.contains("ServerProcess.local(") || s.contains("ServerProcess.java(")) && !s.contains("@Tag(\"process\")");
            }).map(f -> f.getFileName().toString()).toList();
        }
        assertThat(untagged).as("add @Tag(\"process\") to these").isEmpty();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
