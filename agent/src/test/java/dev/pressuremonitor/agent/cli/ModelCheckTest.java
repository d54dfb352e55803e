package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.agent.stt.SpeechRecognizer;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real-model check's logic, with a scripted recogniser standing in for the model. */
class ModelCheckTest {
    static final Path SCRIPT = Path.of("..", "seeds", "calls", "model-check.script.txt");

    @Test
    void wordErrorRateCountsSubstitutionsInsertionsAndDeletionsOverTheScriptsWords() {
        assertThat(ModelCheck.wordErrorRate("are you ready to sign", "are you ready to sign")).isZero();
        assertThat(ModelCheck.wordErrorRate("are you ready to sign", "are you read to sign")).isEqualTo(0.2);
        assertThat(ModelCheck.wordErrorRate("are you ready to sign", "are you ready to sign today")).isEqualTo(0.2);
        assertThat(ModelCheck.wordErrorRate("are you ready to sign", "you ready sign")).isEqualTo(0.4);
        assertThat(ModelCheck.wordErrorRate("Are you READY, to sign?", "are you ready to sign")).isZero();
    }

    @Test
    void theScriptNamesSpeakersAndTheAlertsItExpects() throws Exception {
        List<ModelCheck.Line> lines = ModelCheck.parse(Files.readString(SCRIPT));
        assertThat(lines).extracting(ModelCheck.Line::speaker).contains(Speaker.REP, Speaker.PROSPECT);
        assertThat(lines).extracting(ModelCheck.Line::expected).filteredOn(c -> c != null)
                .containsExactly(Category.CHASE, Category.PITCH, Category.DEFEND, Category.URGENCY, Category.CLOSE);
        assertThat(lines.get(4).text()).isEqualTo("just checking in to see if you had a chance to look at the proposal");
        assertThatThrownBy(() -> ModelCheck.parse("boss: hi")).hasMessageContaining("the speaker must be 'rep' or 'prospect'");
        assertThatThrownBy(() -> ModelCheck.parse("rep: hi [SHOUTING]")).hasMessageContaining("'SHOUTING' is not a pressure category");
    }

    @Test
    void reportsWordErrorRateAlertsFoundAgainstExpectedAndTheRealTimeFactor(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")) && Files.isExecutable(Path.of("/usr/bin/sox")),
                "needs espeak-ng and sox: apt-get install -y espeak-ng sox (.ci/run installs them)");
        List<ModelCheck.Line> script = ModelCheck.parse(Files.readString(SCRIPT));
        ModelCheck.Spoken spoken = ModelCheck.speak(script, dir);
        assertThat(spoken.seconds()).isGreaterThan(20);

        // the "model" mishears one word of the first line and hears nothing of the urgency line
        List<String> heard = new ArrayList<>();
        for (ModelCheck.Line l : script) {
            heard.add(l.expected() == Category.URGENCY ? "" : l.text().replace("the time today", "the dime today"));
        }
        RuleEngine engine = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());
        long[] clock = {0};
        ModelCheck.Result r = ModelCheck.hear(spoken, script, engine,
                (speaker, rate) -> new HeardLines(speaker, rate, script, spoken.times(), heard), () -> (clock[0] += 1_000_000_000L) - 1_000_000_000L);

        int repWords = script.stream().filter(l -> l.speaker() == Speaker.REP).mapToInt(l -> ModelCheck.words(l.text()).size()).sum();
        int urgencyWords = ModelCheck.words(script.stream().filter(l -> l.expected() == Category.URGENCY).findFirst().orElseThrow().text()).size();
        assertThat(r.repWer()).isCloseTo((1.0 + urgencyWords) / repWords, within(1e-9));
        assertThat(r.prospectWer()).isZero();
        assertThat(r.found()).hasSize(4);
        assertThat(r.missed()).singleElement().asString().startsWith("URGENCY at ");
        assertThat(r.processingSeconds()).isEqualTo(1.0);
        assertThat(r.realTimeFactor()).isCloseTo(1.0 / spoken.seconds(), within(1e-9));

        StringWriter out = new StringWriter();
        r.print(new PrintWriter(out));
        assertThat(out.toString()).contains(String.format(Locale.ROOT, "word error rate     %.1f%%", r.wer() * 100))
                .contains("alerts              4 of 5 expected found").contains("  missed    URGENCY").contains("real-time factor    0.0");
    }

    @Test
    void withoutAModelTheCheckSaysHowToGetOne(@TempDir Path dir) {
        CliTest r = CliTest.run("", "model", "check", "--model", dir.resolve("none").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no Vosk model at " + dir.resolve("none")).contains("model download");
    }

    /** Hears each of its speaker's lines, as scripted, once the audio has passed the line's end. */
    static final class HeardLines implements SpeechRecognizer {
        private final float rate;
        private final List<double[]> windows = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private final AtomicInteger next = new AtomicInteger();
        private long samples;
        private String result = "{\"text\" : \"\"}";

        HeardLines(Speaker speaker, float rate, List<ModelCheck.Line> script, List<double[]> times, List<String> heard) {
            this.rate = rate;
            for (int i = 0; i < script.size(); i++) {
                if (script.get(i).speaker() != speaker) continue;
                windows.add(times.get(i));
                texts.add(heard.get(i));
            }
        }

        @Override
        public boolean acceptWaveForm(byte[] pcm, int length) {
            samples += length / 2;
            int i = next.get();
            if (i >= windows.size() || samples / rate < windows.get(i)[1] + 1.0) return false; // an endpoint 1 s after the line
            result = json(i);
            next.incrementAndGet();
            return true;
        }

        private String json(int i) {
            List<String> words = ModelCheck.words(texts.get(i));
            double[] w = windows.get(i);
            double step = (w[1] - w[0]) / Math.max(1, words.size());
            StringBuilder sb = new StringBuilder("{\"result\" : [");
            for (int k = 0; k < words.size(); k++) {
                if (k > 0) sb.append(", ");
                sb.append(String.format(Locale.ROOT, "{\"conf\" : 1.0, \"end\" : %.3f, \"start\" : %.3f, \"word\" : \"%s\"}",
                        w[0] + (k + 0.9) * step, w[0] + k * step, words.get(k)));
            }
            return sb.append("], \"text\" : \"").append(String.join(" ", words)).append("\"}").toString();
        }

        @Override
        public String result() {
            return result;
        }

        @Override
        public String partialResult() {
            return "{\"partial\" : \"\"}";
        }

        @Override
        public String finalResult() {
            return next.get() < windows.size() ? json(next.getAndIncrement()) : "{\"text\" : \"\"}";
        }

        @Override
        public void close() {
        }
    }
}
