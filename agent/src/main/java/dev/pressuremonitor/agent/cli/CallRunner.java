package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.call.ConsoleNudges;
import dev.pressuremonitor.agent.call.LiveCall;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.agent.detect.MetricsThresholds;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.publish.AgentClient;
import dev.pressuremonitor.agent.transcript.RecordedCall;
import dev.pressuremonitor.agent.transcript.Replayer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Plays one recorded call through the detector into a publisher: what {@code agent} and {@code run} share. */
final class CallRunner {
    static final String DEMO_RESOURCE = "seeds/calls/demo.jsonl";

    private CallRunner() {}

    static RecordedCall load(Path input, boolean demo, PrintWriter err) {
        try {
            RecordedCall call;
            if (demo) {
                try (InputStream in = CallRunner.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
                    if (in == null) throw new UserException(DEMO_RESOURCE + " is missing from the jar: rebuild with 'mvn -B package'");
                    call = RecordedCall.read("demo call", in);
                }
            } else {
                call = RecordedCall.read(input);
            }
            call.problems().forEach(err::println);
            if (call.items().isEmpty()) throw new UserException((demo ? "the demo call" : input) + " has no readable Vosk results");
            return call;
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + e.getMessage());
        } catch (IOException e) {
            throw new UserException("cannot read " + input + ": " + e.getMessage());
        }
    }

    /** Plays the call, ends it, and waits (bounded) for the server to confirm every event. */
    static boolean play(RecordedCall call, double speed, CallOptions opts, RuleEngine engine, AgentClient client,
                        PrintWriter out, PrintWriter err) throws InterruptedException {
        ConsoleNudges console = new ConsoleNudges(out);
        Detector detector = new Detector(engine, opts.policy(), MetricsThresholds.research(), call.hasProspect());
        LiveCall live = new LiveCall(LiveCall.newCallId(), opts.repName(), opts.team, detector, call.hasProspect(),
                opts.sendTranscript, env -> {
                    client.accept(env);
                    console.accept(env);
                }, System::currentTimeMillis);
        new Replayer(speed).play(call, live::accept);
        live.end("end-of-input");
        boolean delivered = client.awaitDelivered(Duration.ofSeconds(30));
        if (!delivered) err.println("pressure-monitor: the server at " + client.server() + " did not confirm every event within 30 s");
        return delivered;
    }
}
