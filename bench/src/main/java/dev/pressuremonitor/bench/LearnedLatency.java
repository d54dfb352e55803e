package dev.pressuremonitor.bench;

import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.agent.detect.learned.LearnedModel;
import dev.pressuremonitor.agent.detect.learned.LearnedOpinion;
import dev.pressuremonitor.agent.detect.learned.SentenceEncoder;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.TranscriptSegment;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The detector's cost per settled rep utterance with the learned second opinion in the chain, against rules alone,
 * on one thread: every corpus utterance as a final result, after a warm-up pass. Prints p50, p99 and max of the
 * thread's CPU time per utterance (ONNX Runtime runs on the calling thread with one intra-op thread, so this is the
 * whole cost, and it holds on a busy machine where wall time would not), and how long the model takes to load.
 * Run from the project root:
 * java -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.LearnedLatency
 */
public final class LearnedLatency {
    public static void main(String[] args) throws Exception {
        RuleEngine engine = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());
        Transcript transcript = Transcript.load(Path.of("seeds", "corpus"), 1);
        long t0 = System.nanoTime();
        SentenceEncoder encoder = SentenceEncoder.load();
        LearnedOpinion opinion = new LearnedOpinion(encoder, LearnedModel.shipped());
        double loadMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("sentence model and head loaded in %.0f ms; %d utterances, %d words%n", loadMs, transcript.lowerTexts.size(), transcript.words);
        for (String mode : List.of("rules alone", "rules + learned")) {
            boolean learned = mode.endsWith("learned");
            measure(engine, learned ? opinion : null, transcript.calls); // warm-up
            long[] ns = measure(engine, learned ? opinion : null, transcript.calls);
            Arrays.sort(ns);
            System.out.printf("%-16s CPU per final utterance: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", mode,
                    ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6, ns[ns.length - 1] / 1e6);
        }
        encoder.close();
    }

    /** CPU time of each settled utterance, a fresh detector per call. */
    private static long[] measure(RuleEngine engine, LearnedOpinion opinion, List<List<TranscriptSegment>> calls) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] ns = new long[calls.stream().mapToInt(List::size).sum()];
        int i = 0;
        for (List<TranscriptSegment> call : calls) {
            Detector d = new Detector(engine, AlertPolicy.defaults(), MetricsThresholds.research(), false, opinion);
            for (TranscriptSegment segment : call) {
                long t = cpu.getCurrentThreadCpuTime();
                d.accept(segment);
                ns[i++] = cpu.getCurrentThreadCpuTime() - t;
            }
        }
        return ns;
    }
}
