package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.publish.AgentClient;
import dev.pressuremonitor.agent.publish.TeamModelFetch;
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
        header = "Coach one call on this machine (server and agent in one).",
        description = {
                "Follows a call and shows nudges in the overlay. Prints the overlay address: open it beside your video call, or add it to OBS as a browser source.",
                "Without --demo or --input it listens to the microphone (needs a model: 'pressure-monitor model download'). Ctrl-C ends the call, stores it and prints its report address."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  pressure-monitor run --demo                 the bundled 6-minute call",
                "  pressure-monitor run --rep ana              your microphone",
                "  pressure-monitor run --input call.wav --port 0"
        })
final class RunCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--demo", description = "Replay the bundled demo call (no model needed).")
        boolean demo;

        @Option(names = "--input", paramLabel = "FILE", description = "A recorded call: Vosk results (.jsonl, no model needed) or audio (.wav: mono = rep, stereo = rep and prospect).")
        Path input;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Mixin
    BindOptions bind;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N", description = "Replay speed for recordings: 1 real time, N times faster, 0 as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--exit-when-done", description = "Stop once the call has been played and delivered, instead of serving until Ctrl-C.")
    boolean exitWhenDone;

    @Option(names = "--wait-for-overlay", description = "Start the call only once an overlay for this rep is watching.")
    boolean waitForOverlay;

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

    @picocli.CommandLine.Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        call.sendTranscript = keepTranscript;
        RepName.settle(call);
        if (speed < 0) throw new UserException("--speed must be 0 (as fast as possible) or more, was " + speed);
        boolean demo = source != null && source.demo;
        Path input = source == null ? null : source.input;
        CallRunner.precheck(input, demo, listen);
        var engine = rules.engine();
        // the sentence encoder loads before anything starts (seconds on a busy machine): Ctrl-C meanwhile just exits
        var encoder = learned.encoder(err);
        String rep = call.repName();
        PressureServer server = Servers.start(bind, store, true, java.util.List.of());
        // the team's refitted model pushed to this database is used, as 'agent' gets it from a team's server
        TeamModelFetch.Result team = new TeamModelFetch.Result(null, null, null);
        if (encoder != null && !call.team.isBlank() && learned.takesTeamModel()) {
            team = teamModel(server, call.team);
            err.println(team.said());
        }
        var opinion = learned.opinion(err, encoder, team.model(), team.file() == null ? null : team.file().baseEncoder());
        // single-user mode needs no setup: tokens that live as long as this process
        String agentToken = server.access().issueEphemeral(dev.pressuremonitor.server.access.Principal.Kind.AGENT, rep, call.team);
        String viewerToken = server.access().issueEphemeral(dev.pressuremonitor.server.access.Principal.Kind.VIEWER, rep, call.team);
        CountDownLatch watched = new CountDownLatch(1);
        server.overlays().onSubscribe(r -> {
            if (r.equals(rep)) watched.countDown();
        });
        String shown = bind.shownHost();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C also ends the wait for an overlay: the call then starts and ends at once, and is stored
        Thread hook = StopHooks.endingTheCall(err, "stopping: ending the call and storing it...", finished, server::close, stop, watched);
        // the hook is in place before the address is shown: a Ctrl-C as soon as it shows still ends and stores the call
        if (!StopHooks.add(hook)) {
            server.close();
            err.println("stopped before the call began: nothing was recorded");
            err.flush();
            return 130;
        }
        out.println("overlay: http://" + shown + ":" + server.port() + "/?rep=" + rep + "&token=" + viewerToken);
        out.flush();
        try (AgentClient client = new AgentClient(URI.create("ws://" + shown + ":" + server.port() + "/ws/agent"), 100_000, agentToken)) {
            // the team's rule settings in this database apply from the call's first word; a change while it runs
            // arrives on the agent's connection, as for 'agent'
            call.applyTeamRules(call.team, server.store().teamSettings().rules(call.team), err);
            call.followTeamSettings(client, err);
            if (waitForOverlay) {
                err.println("waiting for the overlay to open...");
                err.flush();
                watched.await();
            }
            boolean delivered = CallRunner.follow(input, demo, speed, listen, new CallRunner.Context(call, engine, opinion, client, out, err, "?token=" + viewerToken), stop);
            finished.countDown();
            if (exitWhenDone || stop.getCount() == 0) return delivered ? 0 : 1;
            err.println("call finished; the overlay stays up until Ctrl-C");
            err.flush();
            stop.await();
            return 0;
        } finally {
            finished.countDown();
            // the hook, once running, closes the server itself (after the call is finished): one closer only
            if (exitWhenDone && StopHooks.remove(hook)) server.close();
        }
    }

    private static TeamModelFetch.Result teamModel(PressureServer server, String team) {
        String where = "this database";
        try {
            return TeamModelFetch.stored(server.store().teamSettings().activeModel(team).map(dev.pressuremonitor.server.calls.TeamSettingsTable.ActiveModel::body).orElse(null), team, where);
        } catch (java.sql.SQLException e) {
            return new TeamModelFetch.Result(null, null, "could not read team '" + team + "''s model from " + where + " (" + e.getMessage()
                    + "): using the shipped learned model");
        }
    }
}
