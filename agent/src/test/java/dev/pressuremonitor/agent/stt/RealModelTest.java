package dev.pressuremonitor.agent.stt;

import dev.pressuremonitor.agent.audio.ChunkQueue;
import dev.pressuremonitor.agent.audio.WavInput;
import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Speech → Vosk → detector with a real model. Models cannot be downloaded on CI machines, so this runs only when
 * given one: {@code mvn -B verify -Dvosk.model=$HOME/.pressure-monitor/models/vosk-model-small-en-us-0.15}
 * (after {@code pressure-monitor model download}).
 */
class RealModelTest {
    @Test
    void aSpokenClosingQuestionIsTranscribedAndFlagged(@TempDir Path dir) throws Exception {
        String model = System.getProperty("vosk.model");
        assumeTrue(model != null && !model.isBlank(),
                "needs a real Vosk model: run 'pressure-monitor model download', then mvn -B verify -Dvosk.model=DIR");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs espeak-ng: apt-get install -y espeak-ng");
        Path wav = dir.resolve("close.wav");
        Process p = new ProcessBuilder("espeak-ng", "-s", "140", "-w", wav.toString(), "so are you ready to sign the contract today").start();
        assertThat(p.waitFor()).isZero();

        RuleEngine engine = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());
        Detector detector = new Detector(engine, AlertPolicy.defaults(), MetricsThresholds.research(), false);
        List<Event> found = new ArrayList<>();
        StringBuilder heard = new StringBuilder();
        try (VoskEngine vosk = VoskEngine.open(Path.of(model))) {
            WavInput in = WavInput.open(wav);
            Map<Speaker, ChunkQueue> queues = WavInput.queuesFor(in, WavInput.Layout.repLeftProspectRight(), 64);
            Map<Speaker, Float> rates = new EnumMap<>(Speaker.class);
            rates.put(Speaker.REP, in.recognizerRate());
            new SpeechSession((s, rate) -> vosk.newRecognizer(rate)).run(queues, rates, () -> {
                try {
                    in.play(WavInput.Layout.repLeftProspectRight(), queues, 0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, seg -> {
                if (seg.isFinal()) heard.append(seg.text()).append(' ');
                found.addAll(detector.accept(seg));
            });
        }
        assertThat(heard.toString()).contains("sign");
        assertThat(found).filteredOn(e -> e instanceof Alert).extracting(e -> ((Alert) e).category()).contains(Category.CLOSE);
    }
}
