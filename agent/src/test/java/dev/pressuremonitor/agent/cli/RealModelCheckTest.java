package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.agent.stt.VoskEngine;
import dev.pressuremonitor.models.MindsetChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * tools/real-model-check.sh inside the build: the scripted call spoken, heard through a real model, and scored.
 * Runs only with a model: mvn -B verify -Dvosk.model=$HOME/.pressure-monitor/models/vosk-model-small-en-us-0.15
 */
class RealModelCheckTest {
    @Test
    void aRealModelHearsTheScriptedCallWellEnoughToFindItsPressure(@TempDir Path dir) throws Exception {
        String model = System.getProperty("vosk.model");
        assumeTrue(model != null && !model.isBlank(), "the real-model check needs a Vosk model: run 'pressure-monitor model download', then"
                + " tools/real-model-check.sh or mvn -B verify -Dvosk.model=DIR (no model can be downloaded on this machine)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")) && Files.isExecutable(Path.of("/usr/bin/sox")),
                "needs espeak-ng and sox: apt-get install -y espeak-ng sox");
        List<ModelCheck.Line> script = ModelCheck.parse(Files.readString(ModelCheckTest.SCRIPT));
        ModelCheck.Spoken spoken = ModelCheck.speak(script, dir);
        RuleEngine engine = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());
        ModelCheck.Result r;
        try (VoskEngine vosk = VoskEngine.open(Path.of(model))) {
            r = ModelCheck.hear(spoken, script, engine, (s, rate) -> vosk.newRecognizer(rate), System::nanoTime);
        }
        r.print(new PrintWriter(System.out, true));
        assertThat(r.wer()).as("word error rate on synthetic speech").isLessThan(0.35);
        assertThat(r.found().size()).as("expected alerts found").isGreaterThanOrEqualTo(3);
        assertThat(r.realTimeFactor()).as("hears faster than real time").isLessThan(1.0);
    }
}
