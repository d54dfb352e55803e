package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "server",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the Pressure Monitor server alone: agents send to ws://HOST:PORT/ws/agent, reps watch",
                "http://HOST:PORT/?rep=NAME. Stops on Ctrl-C, closing connections cleanly.",
                "",
                "Example:  pressure-monitor server --host 0.0.0.0 --port 8425"
        })
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "8425", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--no-auth", description = "Accept agents, overlays and team pages without tokens. Only with a loopback --host.")
    boolean noAuth;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN", split = ",",
            description = "Web origins besides this server's own whose pages may open WebSockets, e.g. https://crm.example.com.")
    java.util.List<String> allowOrigin = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        if (noAuth && !loopback) throw new UserException("--no-auth is only allowed with a loopback --host: a team server needs tokens ('pressure-monitor token create')");
        PressureServer server = Servers.start(host, port, store, !noAuth, allowOrigin);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "pressure-monitor-shutdown"));
        var out = spec.commandLine().getOut();
        out.println("server: http://" + Servers.displayHost(host) + ":" + server.port() + "/  (agents: ws://" + Servers.displayHost(host) + ":" + server.port() + "/ws/agent)");
        if (!noAuth) {
            out.println("access control is on: give agents, viewers and managers tokens from 'pressure-monitor token create' (with the same --db or --data)");
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
