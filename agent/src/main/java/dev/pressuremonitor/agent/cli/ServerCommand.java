package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "server",
        mixinStandardHelpOptions = true,
        header = "Run a team server for agents, overlays and managers.",
        description = {
                "Agents send to ws://HOST:PORT/ws/agent; reps watch http://HOST:PORT/?rep=NAME; managers open /team. Stops on Ctrl-C, closing connections cleanly."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  pressure-monitor server --host 0.0.0.0 --port 8425",
                "  pressure-monitor server --db 'jdbc:postgresql://db/pm?user=pm'"
        })
final class ServerCommand implements Callable<Integer> {
    @Mixin
    BindOptions bind;

    @Option(names = "--no-auth", description = "Accept agents, overlays and team pages without tokens. Only with a loopback --host.")
    boolean noAuth;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN", split = ",",
            description = "Web origins besides this server's own whose pages may open WebSockets, e.g. https://crm.example.com.")
    java.util.List<String> allowOrigin = new java.util.ArrayList<>();

    @Option(names = "--allow-host", paramLabel = "NAME", split = ",",
            description = "With --no-auth: host names besides localhost and loopback addresses that browsers may use for this server (any other is refused: DNS rebinding).")
    java.util.List<String> allowHost = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin
    StoreOptions store;

    @Option(names = "--max-connections", defaultValue = "10000", paramLabel = "N",
            description = "Open connections in all (default: ${DEFAULT-VALUE}, and never more than the process's file-descriptor limit leaves room for).")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "256", paramLabel = "N",
            description = "Open connections from one IP address (default: ${DEFAULT-VALUE}); raise it when many reps share one address.")
    int maxPerAddress;

    @Option(names = "--abandon-after", defaultValue = "2h", paramLabel = "TIME",
            description = "Close a call as abandoned when its agent has sent nothing for this long, also a call left open before a restart (default: ${DEFAULT-VALUE}; e.g. 90m, 30s).")
    String abandonAfter;

    @Spec
    CommandSpec spec;

    /** "90s", "30m", "2h": a positive whole number of seconds, minutes or hours. */
    static java.time.Duration duration(String option, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,6})([smh])").matcher(text.strip());
        if (!m.matches()) throw new UserException(option + " must be a whole number and s, m or h (e.g. 30s, 90m, 2h), was '" + text + "'");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofHours(n);
        };
    }

    @Override
    public Integer call() throws Exception {
        if (noAuth && !bind.loopback()) throw new UserException("--no-auth is only allowed with a loopback --host: a team server needs tokens ('pressure-monitor token create')");
        if (maxConnections < 1 || maxPerAddress < 1) throw new UserException("--max-connections and --max-connections-per-address must be at least 1");
        java.time.Duration abandon = duration("--abandon-after", abandonAfter);
        PressureServer server = Servers.start(bind, store, !noAuth, allowOrigin,
                c -> c.withConnections(new ServerConfig.Connections(maxConnections, maxPerAddress)).withAllowedHosts(allowHost).withAbandonAfter(abandon));
        CountDownLatch stopped = new CountDownLatch(1);
        if (!StopHooks.add(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "pressure-monitor-shutdown"))) {
            server.close(); // Ctrl-C while it started: stop as if it had come a moment later
            return 130;
        }
        var out = spec.commandLine().getOut();
        out.println("server: http://" + bind.shownHost() + ":" + server.port() + "/  (agents: ws://" + bind.shownHost() + ":" + server.port() + "/ws/agent)");
        if (!noAuth) {
            out.println("access control is on: give agents, viewers and managers tokens from 'pressure-monitor token create' (with the same --db or --data)");
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
