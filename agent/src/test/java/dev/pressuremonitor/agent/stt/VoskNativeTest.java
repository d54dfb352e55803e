package dev.pressuremonitor.agent.stt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real libvosk, exercised as far as it goes without a speech model. */
class VoskNativeTest {

    private static void requireLinuxX64() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux") && System.getProperty("os.arch").matches("amd64|x86_64"),
                "Vosk 0.3.45 ships its native library for Linux x86-64 (and Windows x86-64); this machine is neither");
    }

    @Test
    void afterLoadingTheNativeLibraryAnswersCallsWithItsOwnErrors(@TempDir Path dir) {
        requireLinuxX64();
        VoskEngine.loadNative(true);
        VoskEngine.loadNative(false); // the first call decides; a second one changes nothing and does not fail
        assertThatThrownBy(() -> new org.vosk.Model(dir.toString()))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("Failed to create a model");
    }

    @Test
    void aMissingModelFolderSaysHowToGetOne(@TempDir Path dir) {
        assertThatThrownBy(() -> VoskEngine.open(dir.resolve("nope")))
                .isInstanceOf(ModelException.class)
                .hasMessage("no Vosk model at " + dir.resolve("nope") + ": run 'pressure-monitor model download' or pass --model DIR");
    }

    @Test
    void aFolderThatIsNotAModelSaysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> VoskEngine.open(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("does not look like a Vosk model");
    }

    @Test
    void aBrokenModelIsOneClearMessageFromTheRealLibraryNotACrash(@TempDir Path dir) throws Exception {
        requireLinuxX64();
        // passes our cheap checks, so the native loader itself gets to refuse it
        Files.createDirectories(dir.resolve("am"));
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("am").resolve("final.mdl"), "not a model");
        Files.writeString(dir.resolve("conf").resolve("model.conf"), "--sample-frequency=16000\n");
        assertThatThrownBy(() -> VoskEngine.open(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(dir + " is not a usable Vosk model")
                .hasMessageContaining("pressure-monitor model download");
    }
}
