package dev.pressuremonitor.agent.audio;

import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WavInputTest {
    @TempDir
    static Path dir;
    static Path speech;

    @BeforeAll
    static void makeSpeech() throws Exception {
        SoundFiles.requireTools();
        speech = SoundFiles.speak(dir, "speech.wav", "just checking in to see if you had a chance to look at the proposal");
    }

    /** Plays the file as fast as possible and returns each speaker's PCM. */
    private static Map<Speaker, byte[]> play(Path file, WavInput.Layout layout) throws Exception {
        WavInput in = WavInput.open(file);
        Map<Speaker, ChunkQueue> queues = WavInput.queuesFor(in, layout, 10_000);
        in.play(layout, queues, 0);
        Map<Speaker, byte[]> out = new java.util.EnumMap<>(Speaker.class);
        for (var e : queues.entrySet()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (AudioChunk c; !(c = e.getValue().queue().take()).isEnd(); ) bytes.write(c.data(), 0, c.length());
            out.put(e.getKey(), bytes.toByteArray());
        }
        return out;
    }

    @Test
    void espeakOutputIsConvertedTo16kHzMonoForTheRep() throws Exception {
        WavInput in = WavInput.open(speech);
        assertThat(in.sourceFormat().getSampleRate()).isEqualTo(22050f);
        assertThat(in.recognizerRate()).isEqualTo(16000f);
        byte[] rep = play(speech, WavInput.Layout.repLeftProspectRight()).get(Speaker.REP);
        assertThat(rep.length / 2 / 16000.0).isCloseTo(in.seconds(), within(0.15));
        assertThat(PcmFormats.rms(rep, rep.length)).isGreaterThan(0.01);
    }

    @Test
    void ctrlCStopsReadingTheRecordingWhereItCameAndStillEndsEachSpeakersStream() throws Exception {
        WavInput in = WavInput.open(speech);
        Map<Speaker, ChunkQueue> queues = WavInput.queuesFor(in, WavInput.Layout.repLeftProspectRight(), 10_000);
        int[] asked = new int[1];
        in.play(WavInput.Layout.repLeftProspectRight(), queues, 0, () -> ++asked[0] > 2); // Ctrl-C after two chunks
        int chunks = 0;
        for (AudioChunk c; !(c = queues.get(Speaker.REP).queue().take()).isEnd(); ) chunks++;
        assertThat(chunks).as("0.2 s of a %.1f s recording", in.seconds()).isEqualTo(2);
    }

    @Test
    void fortyEightKilohertzIsDownsampledTo16() throws Exception {
        Path hi = SoundFiles.sox(dir, "48k.wav", speech.toString(), "-r", "48000");
        WavInput in = WavInput.open(hi);
        byte[] rep = play(hi, WavInput.Layout.repLeftProspectRight()).get(Speaker.REP);
        assertThat(rep.length / 2 / 16000.0).isCloseTo(in.seconds(), within(0.15));
    }

    @Test
    void eightKilohertzIsNeverUpsampled() throws Exception {
        Path lo = SoundFiles.sox(dir, "8k.wav", speech.toString(), "-r", "8000");
        WavInput in = WavInput.open(lo);
        assertThat(in.recognizerRate()).isEqualTo(8000f);
        byte[] rep = play(lo, WavInput.Layout.repLeftProspectRight()).get(Speaker.REP);
        assertThat(rep.length / 2 / 8000.0).isCloseTo(in.seconds(), within(0.15));
    }

    @Test
    void stereoIsSplitLeftRepRightProspect() throws Exception {
        Path silence = SoundFiles.silence(dir, "silence.wav");
        Path stereo = SoundFiles.sox(dir, "stereo.wav", "-M", speech.toString(), silence.toString(), "-r", "44100");
        Map<Speaker, byte[]> out = play(stereo, WavInput.Layout.repLeftProspectRight());
        assertThat(PcmFormats.rms(out.get(Speaker.REP), out.get(Speaker.REP).length)).isGreaterThan(0.01);
        assertThat(PcmFormats.rms(out.get(Speaker.PROSPECT), out.get(Speaker.PROSPECT).length)).isLessThan(0.001);
        assertThat(out.get(Speaker.REP).length).isEqualTo(out.get(Speaker.PROSPECT).length);
    }

    @Test
    void theChannelLayoutCanBeSwapped() throws Exception {
        Path silence = SoundFiles.silence(dir, "silence2.wav");
        Path stereo = SoundFiles.sox(dir, "stereo2.wav", "-M", speech.toString(), silence.toString());
        Map<Speaker, byte[]> out = play(stereo, WavInput.Layout.parse("prospect,rep"));
        assertThat(PcmFormats.rms(out.get(Speaker.PROSPECT), out.get(Speaker.PROSPECT).length)).isGreaterThan(0.01);
        assertThat(PcmFormats.rms(out.get(Speaker.REP), out.get(Speaker.REP).length)).isLessThan(0.001);
    }

    @Test
    void realTimePacingNeverRunsAheadOfTheAudio() throws Exception {
        WavInput in = WavInput.open(speech);
        Map<Speaker, ChunkQueue> queues = WavInput.queuesFor(in, WavInput.Layout.repLeftProspectRight(), 10_000);
        long t0 = System.nanoTime();
        in.play(WavInput.Layout.repLeftProspectRight(), queues, 10);
        double took = (System.nanoTime() - t0) / 1e9;
        // at 10x the file cannot be delivered in less than a tenth of its length
        assertThat(took).isGreaterThanOrEqualTo(in.seconds() / 10 - 0.1);
    }

    @Test
    void aFileThatIsNotAudioSaysHowToConvertIt() throws IOException {
        Path junk = Files.writeString(dir.resolve("notes.wav"), "these are my notes");
        assertThatThrownBy(() -> WavInput.open(junk)).hasMessageContaining("is not an audio file Java Sound can read")
                .hasMessageContaining("sox");
    }

    @Test
    void aBadChannelSpecSaysWhatItTakes() {
        assertThatThrownBy(() -> WavInput.Layout.parse("rep,boss")).hasMessageContaining("--channels takes a comma list of rep, prospect or none");
    }
}
