package dev.pressuremonitor.agent.stt;

import dev.pressuremonitor.agent.audio.AudioChunk;
import dev.pressuremonitor.agent.audio.ChunkQueue;
import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechStreamTest {
    private static String w(String word, double start, double end) {
        return "{\"conf\":1.0,\"end\":" + end + ",\"start\":" + start + ",\"word\":\"" + word + "\"}";
    }

    // Vosk revises "just check" to "just checking in" before the endpoint, then finalises with shifted times
    static final List<ScriptedRecognizer.Step> REVISED = List.of(
            ScriptedRecognizer.Step.partial("{\"partial\":\"just\",\"partial_result\":[" + w("just", 0.5, 0.8) + "]}"),
            ScriptedRecognizer.Step.partial("{\"partial\":\"just check\",\"partial_result\":[" + w("just", 0.5, 0.8) + "," + w("check", 0.8, 1.1) + "]}"),
            ScriptedRecognizer.Step.partial("{\"partial\":\"just check\",\"partial_result\":[" + w("just", 0.5, 0.8) + "," + w("check", 0.8, 1.1) + "]}"),
            ScriptedRecognizer.Step.partial("{\"partial\":\"just checking in\",\"partial_result\":[" + w("just", 0.5, 0.8) + "," + w("checking", 0.8, 1.2) + "," + w("in", 1.2, 1.4) + "]}"),
            ScriptedRecognizer.Step.result("{\"result\":[" + w("just", 0.52, 0.8) + "," + w("checking", 0.8, 1.2) + "," + w("in", 1.2, 1.4) + "," + w("again", 1.4, 1.8) + "],\"text\":\"just checking in again\"}"),
            ScriptedRecognizer.Step.partial("{\"partial\":\"did you\",\"partial_result\":[" + w("did", 2.5, 2.7) + "," + w("you", 2.7, 2.9) + "]}"));
    static final String FINAL = "{\"result\":[" + w("did", 2.5, 2.7) + "," + w("you", 2.7, 2.9) + "," + w("see", 2.9, 3.2) + "],\"text\":\"did you see\"}";

    private static List<TranscriptSegment> run(ScriptedRecognizer rec, int chunks, double offset) throws InterruptedException {
        ChunkQueue q = new ChunkQueue(100);
        for (int i = 0; i < chunks; i++) q.put(new AudioChunk(new byte[3200], 3200));
        q.put(AudioChunk.END);
        List<TranscriptSegment> out = new ArrayList<>();
        new SpeechStream(Speaker.REP, q.queue(), () -> rec, out::add, offset).run();
        return out;
    }

    @Test
    void passesOnChangedPartialsEveryFinalAndTheFlushedEnd() throws Exception {
        ScriptedRecognizer rec = new ScriptedRecognizer(REVISED, FINAL);
        List<TranscriptSegment> out = run(rec, 7, 0);
        assertThat(out).extracting(s -> (s.isFinal() ? "final: " : "partial: ") + s.text()).containsExactly(
                "partial: just", "partial: just check", "partial: just checking in",
                "final: just checking in again", "partial: did you", "final: did you see");
        assertThat(rec.fed).isEqualTo(7);
        assertThat(rec.closed).as("the recogniser is closed on its own thread when the stream ends").isTrue();
    }

    @Test
    void aFinalWithTextButNoWordTimingsIsCountedAndSaidNotSilentlyLost() throws Exception {
        ScriptedRecognizer rec = new ScriptedRecognizer(List.of(ScriptedRecognizer.Step.result("{\"text\" : \"hello there\"}")), FINAL);
        ChunkQueue q = new ChunkQueue(10);
        q.put(new AudioChunk(new byte[3200], 3200));
        q.put(AudioChunk.END);
        List<TranscriptSegment> out = new ArrayList<>();
        SpeechStream stream = new SpeechStream(Speaker.REP, q.queue(), () -> rec, out::add, 0);
        stream.run();
        assertThat(stream.textOnlyResults()).isEqualTo(1);
        assertThat(out).extracting(TranscriptSegment::text).containsExactly("did you see");
    }

    @Test
    void movesStreamTimesOntoTheCallClock() throws Exception {
        List<TranscriptSegment> out = run(new ScriptedRecognizer(REVISED, FINAL), 7, 30);
        assertThat(out.get(0).words().get(0).start()).isEqualTo(30.5);
    }

    @Test
    void revisedPartialsAndTheFinalAlertOnce() throws Exception {
        RuleEngine engine = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());
        Detector detector = new Detector(engine, AlertPolicy.defaults(), MetricsThresholds.research(), false);
        List<Event> events = new ArrayList<>();
        for (TranscriptSegment s : run(new ScriptedRecognizer(REVISED, FINAL), 7, 0)) events.addAll(detector.accept(s));
        assertThat(events).filteredOn(e -> e instanceof Alert).extracting(e -> ((Alert) e).rule()).containsExactly("chase.checking-in");
    }
}
