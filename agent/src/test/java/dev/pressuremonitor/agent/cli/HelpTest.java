package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The help a new user reads: each command lists what works there, and everything fits an 80-column terminal. */
class HelpTest {
    @Test
    void analyzeOffersNoLiveOrServerOptions() {
        String help = CliTest.run("", "analyze", "--help").out();
        assertThat(help).contains("--model", "--channels", "--format", "--rep");
        assertThat(help).doesNotContain("--mic", "--prospect-device", "--keep-transcript", "send the words");
    }

    @Test
    void tokenCreateOffersOnlyTheDatabaseItWritesTo() {
        String help = CliTest.run("", "token", "create", "--help").out();
        assertThat(help).contains("--db", "--data", "--kind");
        assertThat(help).doesNotContain("--metrics-per-rep", "--retention-days");
    }

    @Test
    void theCommandListShowsWholeSentences() {
        String help = CliTest.run("", "--help").out();
        assertThat(help).containsPattern("\n  analyze +Build a call's report offline from a recording.\n");
        assertThat(help).containsPattern("\n  run +Coach one call on this machine \\(server and agent in one\\).\n");
        String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Examples:"));
        assertThat(commands.lines().skip(1).filter(l -> !l.isBlank()))
                .as("one line per command: no summary wraps onto a second line")
                .allSatisfy(l -> assertThat(l).matches("  [a-z-]+ +\\S.*"));
    }

    @Test
    void everyHelpPageFitsEightyColumns() {
        for (String[] cmd : new String[][]{{"--help"}, {"run", "--help"}, {"server", "--help"}, {"agent", "--help"}, {"analyze", "--help"},
                {"devices", "--help"}, {"model", "--help"}, {"model", "download", "--help"}, {"model", "install", "--help"}, {"token", "create", "--help"}, {"feedback", "export", "--help"}, {"classify", "--help"}, {"eval", "--help"}, {"eval-questions", "--help"}, {"model", "check", "--help"}}) {
            String help = CliTest.run("", cmd).out();
            assertThat(help.lines()).as(String.join(" ", cmd)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        }
    }

    @Test
    void versionComesFromTheBuild() {
        CliTest r = CliTest.run("", "--version");
        assertThat(r.out()).startsWith("pressure-monitor 0.").doesNotContain("dev", "unknown");
    }
}
