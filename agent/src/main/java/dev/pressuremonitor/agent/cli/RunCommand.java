package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.publish.AgentClient;
import dev.pressuremonitor.agent.transcript.RecordedCall;
import dev.pressuremonitor.server.PressureServer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
                "Server and agent in one process on this machine: follows a call and shows nudges in the overlay.",
                "Prints the overlay address; open it beside your video call (or add it to OBS as a browser source).",
                "",
                "Example:  pressure-monitor run --demo            (a bundled 6-minute discovery call, in real time)",
                "          pressure-monitor run --input call.jsonl --speed 2 --port 0 --exit-when-done"
        })
final class RunCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--demo", description = "Replay the bundled demo call.")
        boolean demo;

        @Option(names = "--input", paramLabel = "CALL.jsonl", description = "Replay a recorded call (Vosk results, one JSON object a line, each with \"speaker\").")
        Path input;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8425", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one and prints it).")
    int port;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N", description = "Replay speed: 1 real time, N times faster, 0 as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--exit-when-done", description = "Stop once the call has been played and delivered, instead of serving until Ctrl-C.")
    boolean exitWhenDone;

    @Option(names = "--wait-for-overlay", description = "Start the call only once an overlay for this rep is watching.")
    boolean waitForOverlay;

    @Mixin
    CallOptions call;

    @Mixin
    RuleOptions rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (source == null) {
            throw new UserException("nothing to listen to: pass --demo to watch the bundled call, or --input CALL.jsonl");
        }
        if (speed < 0) throw new UserException("--speed must be 0 (as fast as possible) or more, was " + speed);
        RecordedCall recorded = CallRunner.load(source.input, source.demo, err);
        var engine = rules.engine();
        String rep = call.repName();
        PressureServer server = Servers.start(host, port);
        CountDownLatch watched = new CountDownLatch(1);
        server.overlays().onSubscribe(r -> {
            if (r.equals(rep)) watched.countDown();
        });
        String shown = Servers.displayHost(host);
        out.println("overlay: http://" + shown + ":" + server.port() + "/?rep=" + rep);
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            server.close();
        }, "pressure-monitor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (AgentClient client = new AgentClient(URI.create("ws://" + shown + ":" + server.port() + "/ws/agent"), 100_000)) {
            if (waitForOverlay) {
                err.println("waiting for the overlay to open...");
                err.flush();
                watched.await();
            }
            boolean delivered = CallRunner.play(recorded, speed, call, engine, client, out, err);
            if (exitWhenDone) return delivered ? 0 : 1;
            err.println("call finished; the overlay stays up until Ctrl-C");
            err.flush();
            stop.await();
            return 0;
        } finally {
            if (exitWhenDone) {
                server.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // already on the way out
                }
            }
        }
    }
}
