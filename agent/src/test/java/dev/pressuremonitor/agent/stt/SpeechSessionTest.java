package dev.pressuremonitor.agent.stt;

import dev.pressuremonitor.agent.audio.ChunkQueue;
import dev.pressuremonitor.agent.audio.WavInput;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A stereo recording through the whole audio path, with scripted recognisers where Vosk would sit. */
class SpeechSessionTest {

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", cmd)).isTrue();
    }

    @Test
    void eachChannelReachesItsOwnRecogniserAndEverySegmentComesOutOnTheCallersThread(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")) && Files.isExecutable(Path.of("/usr/bin/sox")),
                "needs espeak-ng and sox: apt-get install -y espeak-ng sox (.ci/run installs them)");
        Path rep = dir.resolve("rep.wav"), prospect = dir.resolve("prospect.wav"), call = dir.resolve("call.wav");
        run("espeak-ng", "-w", rep.toString(), "just checking in on the proposal");
        run("espeak-ng", "-w", prospect.toString(), "we are happy with our current vendor thanks");
        run("sox", "-M", rep.toString(), prospect.toString(), "-r", "48000", call.toString());

        WavInput in = WavInput.open(call);
        WavInput.Layout layout = WavInput.Layout.repLeftProspectRight();
        Map<Speaker, ChunkQueue> queues = WavInput.queuesFor(in, layout, 8);
        Map<Speaker, Float> rates = new EnumMap<>(Speaker.class);
        queues.keySet().forEach(s -> rates.put(s, in.recognizerRate()));
        Map<Speaker, ScriptedRecognizer> recognizers = new EnumMap<>(Speaker.class);
        Map<Speaker, Float> asked = new EnumMap<>(Speaker.class);
        String word = "{\"conf\":1,\"end\":0.6,\"start\":0.2,\"word\":\"%s\"}";
        Thread caller = Thread.currentThread();
        List<String> seen = new ArrayList<>();

        new SpeechSession((speaker, rate) -> {
            asked.put(speaker, rate);
            String w = speaker == Speaker.REP ? "rep" : "prospect";
            ScriptedRecognizer r = new ScriptedRecognizer(List.of(
                    ScriptedRecognizer.Step.result("{\"result\":[" + String.format(word, w) + "],\"text\":\"" + w + "\"}")), "{\"text\":\"\"}");
            synchronized (recognizers) {
                recognizers.put(speaker, r);
            }
            return r;
        }).run(queues, rates, () -> {
            try {
                in.play(layout, queues, 0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, (TranscriptSegment s) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            seen.add(s.speaker() + ":" + s.text());
        });

        assertThat(seen).containsExactlyInAnyOrder("REP:rep", "PROSPECT:prospect");
        assertThat(asked).containsEntry(Speaker.REP, 16000f).containsEntry(Speaker.PROSPECT, 16000f);
        int expectedChunks = (int) Math.ceil(in.seconds() * 10);
        assertThat(recognizers.get(Speaker.REP).fed).isBetween(expectedChunks - 1, expectedChunks + 1);
        assertThat(recognizers.get(Speaker.PROSPECT).fed).isEqualTo(recognizers.get(Speaker.REP).fed);
        assertThat(recognizers.values()).allMatch(r -> r.closed);
    }
}
