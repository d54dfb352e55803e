package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.publish.AgentClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "agent",
        mixinStandardHelpOptions = true,
        header = "Follow a call and send it to a team server.",
        description = {
                "Listens to the microphone by default (needs a model); --input takes a recording instead. Events the server has not confirmed are kept and resent after a reconnect.",
                "The token comes from PRESSURE_MONITOR_TOKEN (or --token): 'pressure-monitor token create' on the server makes one."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  pressure-monitor agent --server ws://10.0.0.5:8425 --rep ana",
                "  pressure-monitor agent --server ws://10.0.0.5:8425 --rep ana \\",
                "      --input seeds/calls/demo.jsonl --speed 4"
        })
final class AgentCommand implements Callable<Integer> {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "The server, e.g. ws://127.0.0.1:8425.")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Agent token (prefer the PRESSURE_MONITOR_TOKEN environment variable: a command line is visible to other users).")
    String token;

    @Option(names = "--outbox", paramLabel = "DIR",
            description = "Where events wait until the server confirms them, surviving a crash (default: ~/.pressure-monitor/outbox).")
    Path outbox;

    @Option(names = "--input", paramLabel = "FILE", description = "A recorded call: Vosk results (.jsonl) or audio (.wav: mono = rep, stereo = rep and prospect).")
    Path input;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N", description = "Replay speed for recordings: 1 real time, N times faster, 0 as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Mixin
    CallOptions call;

    @Option(names = {"--keep-transcript", "--send-transcript"}, description = "Also send the words themselves to the server, which stores them with the call (off by default: only detections, matched phrases and metrics leave this machine).")
    boolean keepTranscript;

    @Mixin
    ListenOptions listen;

    @Mixin
    RuleOptions rules;

    @Mixin
    LearnedOptions learned;

    @Option(names = "--team-models", paramLabel = "DIR",
            description = "Where the team's refitted learned model is kept between runs (default: ~/.pressure-monitor/team-models).")
    Path teamModels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        URI uri;
        try {
            // rep and team in the address: a load balancer keeps a rep's agent and overlays on one server
            uri = dev.pressuremonitor.agent.publish.AgentAddress.of(new URI(server), call.repName(), call.team);
        } catch (URISyntaxException e) {
            throw new UserException("--server is not a URL: " + e.getMessage() + " (use ws://HOST:PORT)");
        }
        call.sendTranscript = keepTranscript;
        if (speed < 0) throw new UserException("--speed must be 0 (as fast as possible) or more, was " + speed);
        CallRunner.precheck(input, false, listen);
        var engine = rules.engine();
        AgentClient client;
        try {
            String t = token != null ? token : System.getenv("PRESSURE_MONITOR_TOKEN");
            Path dir = outbox != null ? outbox : Path.of(System.getProperty("user.home"), ".pressure-monitor", "outbox");
            client = Outboxes.openClient(uri, dir, t == null || t.isBlank() ? null : t.trim(), spec.commandLine().getErr());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        call.followTeamSettings(client, err);
        dev.pressuremonitor.agent.detect.learned.LearnedModel teamModel = null;
        String teamEncoder = null;
        if (!call.team.isBlank() && learned.takesTeamModel()) {
            String t = token != null ? token : System.getenv("PRESSURE_MONITOR_TOKEN");
            var fetched = dev.pressuremonitor.agent.publish.TeamModelFetch.fetch(uri, call.team, call.repName(), t == null || t.isBlank() ? null : t.trim(),
                    teamModels != null ? teamModels : Path.of(System.getProperty("user.home"), ".pressure-monitor", "team-models"), java.time.Duration.ofSeconds(10));
            err.println(fetched.said());
            teamModel = fetched.model();
            teamEncoder = fetched.file() == null ? null : fetched.file().baseEncoder();
        }
        // loads before the Ctrl-C hook (seconds on a busy machine): Ctrl-C meanwhile just exits
        var opinion = learned.opinion(spec.commandLine().getErr(), teamModel, teamEncoder);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = StopHooks.endingTheCall(err, "stopping: ending the call and sending what is left...", finished, () -> { }, stop);
        if (!StopHooks.add(hook)) {
            client.close();
            err.println("stopped before the call began: nothing was recorded");
            err.flush();
            return 130;
        }
        try (client) {
            var ctx = new CallRunner.Context(call, engine, opinion, client, spec.commandLine().getOut(), spec.commandLine().getErr());
            return CallRunner.follow(input, false, speed, listen, ctx, stop) ? 0 : 1;
        } finally {
            finished.countDown();
            StopHooks.remove(hook);
        }
    }
}
