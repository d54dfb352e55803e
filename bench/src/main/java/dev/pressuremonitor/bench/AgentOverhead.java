package dev.pressuremonitor.bench;

import dev.pressuremonitor.agent.audio.ChunkQueue;
import dev.pressuremonitor.agent.audio.WavInput;
import dev.pressuremonitor.agent.call.LiveCall;
import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.agent.stt.SpeechRecognizer;
import dev.pressuremonitor.agent.stt.SpeechSession;
import dev.pressuremonitor.agent.stt.VoskEngine;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own cost per second of call audio: WAV reading and conversion, channel split, queues, the
 * recogniser loop, result parsing, detection and event making. With {@code scripted} the recogniser is a
 * stand-in that returns a canned Vosk result every 2 s of audio, so Vosk's cost is left out; with a model
 * folder instead, Vosk runs and the figure is the real-time factor per stream.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.AgentOverhead CALL.wav scripted|MODEL_DIR</pre>
 */
public final class AgentOverhead {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AgentOverhead CALL.wav scripted|MODEL_DIR");
            System.exit(2);
        }
        Path wav = Path.of(args[0]);
        boolean scripted = args[1].equals("scripted");
        RuleEngine engine = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());
        VoskEngine vosk = scripted ? null : VoskEngine.open(Path.of(args[1]));
        for (int round = 0; round < 3; round++) { // round 0 warms the JIT
            WavInput in = WavInput.open(wav);
            WavInput.Layout layout = WavInput.Layout.repLeftProspectRight();
            Map<Speaker, ChunkQueue> queues = WavInput.queuesFor(in, layout, 64);
            Map<Speaker, Float> rates = new EnumMap<>(Speaker.class);
            queues.keySet().forEach(s -> rates.put(s, in.recognizerRate()));
            Detector detector = new Detector(engine, AlertPolicy.defaults(), MetricsThresholds.research(), queues.size() == 2);
            AtomicLong events = new AtomicLong();
            LiveCall call = new LiveCall("bench", "rep", "", detector, queues.size() == 2, false, e -> events.incrementAndGet(), System::currentTimeMillis);
            System.gc();
            long cpu0 = cpu(), wall0 = System.nanoTime();
            new SpeechSession((s, rate) -> scripted ? new CannedRecognizer() : vosk.newRecognizer(rate)).run(queues, rates, () -> {
                try {
                    in.play(layout, queues, 0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, call::accept);
            call.end("bench");
            double cpuSeconds = (cpu() - cpu0) / 1e9, wall = (System.nanoTime() - wall0) / 1e9;
            Runtime rt = Runtime.getRuntime();
            long heapMiB = (rt.totalMemory() - rt.freeMemory()) >> 20;
            double audio = in.seconds() * queues.size();
            if (round > 0) {
                System.out.printf(Locale.ROOT, "%s: %.0f s of audio in %d stream(s); CPU %.2f s (%.4f CPU s per audio s, %.2f%% of one core in real time);"
                                + " wall %.2f s; heap in use after %d MiB; %d events%n",
                        scripted ? "scripted recogniser (agent only)" : "Vosk " + args[1], in.seconds(), queues.size(), cpuSeconds,
                        cpuSeconds / audio, 100 * cpuSeconds / audio, wall, heapMiB, events.get());
            }
        }
        if (vosk != null) vosk.close();
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Stands in for Vosk: an endpoint with a short canned result every 20 chunks (2 s of audio). */
    static final class CannedRecognizer implements SpeechRecognizer {
        private int chunks;
        private double t;

        @Override
        public boolean acceptWaveForm(byte[] pcm, int length) {
            return ++chunks % 20 == 0;
        }

        @Override
        public String result() {
            t += 2;
            return String.format(Locale.ROOT, "{\"result\":[{\"conf\":1,\"start\":%.2f,\"end\":%.2f,\"word\":\"just\"},"
                    + "{\"conf\":1,\"start\":%.2f,\"end\":%.2f,\"word\":\"checking\"},{\"conf\":1,\"start\":%.2f,\"end\":%.2f,\"word\":\"in\"}],"
                    + "\"text\":\"just checking in\"}", t, t + 0.3, t + 0.3, t + 0.7, t + 0.7, t + 0.9);
        }

        @Override
        public String partialResult() {
            return "{\"partial\":\"\"}";
        }

        @Override
        public String finalResult() {
            return "{\"text\":\"\"}";
        }

        @Override
        public void close() {
        }
    }
}
