package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechCommandsTest {

    @Test
    void runWithoutAModelSaysHowToGetOneBeforeStartingAnything(@TempDir Path dir) {
        CliTest r = CliTest.run("", "run", "--port", "0", "--model", dir.resolve("none").toString(), "--data", dir.resolve("data").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).as("no overlay address for a call that cannot start").isEmpty();
        assertThat(r.err().strip()).isEqualTo("pressure-monitor: no Vosk model at " + dir.resolve("none")
                + ": run 'pressure-monitor model download' or pass --model DIR");
    }

    @Test
    void anAudioFileThatDoesNotExistIsNamed() {
        CliTest r = CliTest.run("", "agent", "--server", "ws://127.0.0.1:9", "--input", "missing.wav");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such file: missing.wav");
    }

    @Test
    void modelListShowsWhatIsInstalledAndWhatCanBeDownloaded(@TempDir Path dir) {
        CliTest r = CliTest.run("", "model", "list", "--dir", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("none: run 'pressure-monitor model download'").contains("vosk-model-small-en-us-0.15  41.2 MB  (default)");
    }

    @Test
    void anUnknownModelNameSaysWhichAreKnown(@TempDir Path dir) {
        CliTest r = CliTest.run("", "model", "download", "vosk-model-klingon", "--dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown model 'vosk-model-klingon'").contains("vosk-model-small-en-us-0.15").contains("--url");
    }

    @Test
    void devicesAnswersEvenOnAMachineWithoutSound() {
        CliTest r = CliTest.run("", "devices");
        assertThat(r.code()).isZero();
        assertThat(r.out()).satisfiesAnyOf(
                o -> assertThat(o).contains("no capture devices found"),
                o -> assertThat(o).contains("(default)").contains("accepts 16-bit"));
    }
}
