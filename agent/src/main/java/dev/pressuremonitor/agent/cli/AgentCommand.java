package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.publish.AgentClient;
import dev.pressuremonitor.agent.transcript.RecordedCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "agent",
        mixinStandardHelpOptions = true,
        description = {
                "Follows one call and sends its alerts and live metrics to a Pressure Monitor server.",
                "The call comes from --input: a recording of Vosk results (JSON lines tagged with speaker).",
                "Events the server has not confirmed are kept and resent after a reconnect.",
                "",
                "Example:  pressure-monitor agent --server ws://127.0.0.1:8425 --rep ana --input seeds/calls/demo.jsonl --speed 4"
        })
final class AgentCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "The server, e.g. ws://127.0.0.1:8425.")
    String server;

    @Option(names = "--input", required = true, paramLabel = "CALL.jsonl", description = "A recorded call: Vosk results, one JSON object a line, each with \"speaker\".")
    Path input;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N", description = "Replay speed: 1 real time, N times faster, 0 as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Mixin
    CallOptions call;

    @Mixin
    RuleOptions rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        URI uri;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            throw new UserException("--server is not a URL: " + e.getMessage() + " (use ws://HOST:PORT)");
        }
        if (speed < 0) throw new UserException("--speed must be 0 (as fast as possible) or more, was " + speed);
        RecordedCall recorded = CallRunner.load(input, false, spec.commandLine().getErr());
        AgentClient client;
        try {
            client = new AgentClient(uri, 100_000);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        try (client) {
            boolean ok = CallRunner.play(recorded, speed, call, rules.engine(), client, spec.commandLine().getOut(), spec.commandLine().getErr());
            return ok ? 0 : 1;
        }
    }
}
