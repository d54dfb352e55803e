package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A mistyped command line: the mistake stays on screen, and spelling is forgiving where it can be. */
class UsageErrorsTest {
    @Test
    void aMistypedOptionPrintsTheMistakeAndAPointerToHelpNotTheWholeHelp() {
        CliTest r = CliTest.run("", "run", "--demo", "--sped", "4");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("pressure-monitor: Unknown options: '--sped', '4'")
                .endsWith("Try 'pressure-monitor run --help' for the options.\n")
                .doesNotContain("Usage:");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(4);
    }

    @Test
    void enumOptionsAcceptAnyCase(@TempDir Path dir) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), AnalyzeCommandTest.CALL);
        CliTest r = CliTest.run("", "analyze", call.toString(), "--format", "JSON", "--frequency", "rare", "--off", "Pitch,urgency");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{");
    }

    @Test
    void offAcceptsOnlyThePressureCategoriesAndNamesThem() {
        CliTest r = CliTest.run("", "analyze", "call.jsonl", "--off", "trust");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'trust' is not a pressure category: use PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND");
    }

    @Test
    void aSilenceTimeWithoutAUnitSaysHowToWriteIt(@TempDir Path dir) {
        CliTest r = CliTest.run("", "server", "--port", "0", "--no-auth", "--data", dir.toString(), "--abandon-after", "120");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--abandon-after must be a whole number and s, m or h (e.g. 30s, 90m, 2h), was '120'");
    }
}
