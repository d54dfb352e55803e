package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pressuremonitor.agent.audio.Devices;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.Mixer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

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
    void devicesPrintsWhatThisMachineHas() {
        CliTest r = CliTest.run("", "devices");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(printed(Devices.list()));
    }

    @Test
    void aMachineWithoutCaptureDevicesIsToldToPlugOneInOrUseARecording() {
        assertThat(printed(List.of())).isEqualTo("""
                no capture devices found: plug in a microphone or check the system's sound settings;
                recordings still work with --input (a .jsonl transcript or a .wav file).
                """);
    }

    @Test
    void devicesAreListedDefaultFirstWithTheFormatsEachAccepts() {
        var mic = new Devices.Device(new Mixer.Info("USB Mic", "Acme", "Acme USB microphone", "1") { },
                List.of(new AudioFormat(16000, 16, 1, true, false), new AudioFormat(48000, 16, 2, true, false)));
        var monitor = new Devices.Device(new Mixer.Info("Monitor of Speakers", "Pulse", "Loopback of the speakers", "1") { },
                List.of(new AudioFormat(44100, 16, 2, true, false)));
        assertThat(printed(List.of(mic, monitor))).startsWith("""
                * USB Mic  (default)
                    Acme USB microphone
                    accepts 16-bit: 16000 Hz mono, 48000 Hz stereo
                  Monitor of Speakers
                    Loopback of the speakers
                    accepts 16-bit: 44100 Hz stereo

                For the prospect's side: on Linux pick the 'Monitor of ...' source""");
    }

    private static String printed(List<Devices.Device> devices) {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        DevicesCommand.print(devices, w);
        w.flush();
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
