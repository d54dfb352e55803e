package dev.pressuremonitor.bench;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What the server does with each alert frame an agent sends, in one thread: the whole frame decoded as the server
 * decodes it (the envelope token by token, the alert by hand), against the alert's payload alone read through
 * Jackson's data binding, as the one-pass decoding read it before (the envelope's cost not included there).
 * Two forks: the quick compiler alone, and the optimising compiler alone as the server's recommended flags have it.
 * Run from the project root: java -jar bench/target/benchmarks.jar AlertDecoding
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AlertDecoding {
    private final Alert alert = new Alert(Category.CHASE, "chase.just-checking-in", "just checking in", Severity.MEDIUM, Speaker.REP,
            12.5, 13.75, true, new Reframe("never-chase", "Never chase; get to the truth about fit.", "What changed on your side?"));
    private final byte[] frame = EventCodec.encode(new Envelope("call-3f2a-17", 42, 1_764_300_000_123L, alert)).getBytes(StandardCharsets.UTF_8);
    private final byte[] payload = Json.write(alert).getBytes(StandardCharsets.UTF_8);

    @Benchmark
    @Fork(value = 1, jvmArgs = {"-XX:TieredStopAtLevel=1"})
    public EventCodec.Decoded wholeFrameC1() throws DecodeException {
        return EventCodec.decodeKeepingPayload(frame);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {"-XX:TieredStopAtLevel=1"})
    public Alert payloadByDataBindingC1() throws DecodeException {
        return Json.read(payload, Alert.class);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {"-XX:-TieredCompilation", "-XX:CICompilerCount=1"})
    public EventCodec.Decoded wholeFrameC2() throws DecodeException {
        return EventCodec.decodeKeepingPayload(frame);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {"-XX:-TieredCompilation", "-XX:CICompilerCount=1"})
    public Alert payloadByDataBindingC2() throws DecodeException {
        return Json.read(payload, Alert.class);
    }
}
