package dev.pressuremonitor.bench;

import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePack;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.TranscriptSegment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Words per second through the whole detector (normalise, match, guards, context, repeats, policy, metrics)
 * against one regex alternation per category over the same utterances. One thread: one core.
 * Run from the project root: java -jar bench/target/benchmarks.jar DetectorBenchmark
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBenchmark {
    @Param({"10"})
    int repeats;

    Transcript transcript;
    RuleEngine engine;
    RegexBaseline baseline;

    @Setup(Level.Trial)
    public void setUp() {
        RulePack pack = new RulePackLoader(MindsetChart.standard()).loadDefault();
        engine = new RuleEngine(pack);
        baseline = new RegexBaseline(pack);
        transcript = Transcript.load(Path.of("seeds", "corpus"), repeats);
        // both sides must do comparable work: report how many utterances each flags
        int regexFlagged = 0, detectorFlagged = 0;
        for (String text : transcript.lowerTexts) if (baseline.countMatches(text) > 0) regexFlagged++;
        for (var call : transcript.calls) {
            Detector d = new Detector(engine, AlertPolicy.defaults(), MetricsThresholds.research(), false);
            for (TranscriptSegment s : call) {
                if (d.accept(s).stream().anyMatch(e -> e instanceof dev.pressuremonitor.models.Alert)) detectorFlagged++;
            }
        }
        System.out.println("\ntranscript: " + transcript.lowerTexts.size() + " utterances in " + transcript.calls.size() + " calls, " + transcript.words
                + " words; words/s = ops/s x " + transcript.words + "; utterances flagged: regex " + regexFlagged
                + ", detector " + detectorFlagged + " (the detector also applies guards and context)");
    }

    /** One op = the whole transcript, a fresh detector per call; words/s = ops/s x transcript words. */
    @Benchmark
    public void detector(Blackhole bh) {
        for (var call : transcript.calls) {
            Detector d = new Detector(engine, AlertPolicy.defaults(), MetricsThresholds.research(), false);
            for (TranscriptSegment s : call) bh.consume(d.accept(s));
        }
    }

    @Benchmark
    public void regexPerCategory(Blackhole bh) {
        for (String text : transcript.lowerTexts) bh.consume(baseline.countMatches(text));
    }
}
