package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = {"Creates access tokens for a team server. The token is printed once; the server keeps only its hash.", "",
                "Example:  pressure-monitor token create --rep ana --team emea                (an agent token)",
                "          pressure-monitor token create --kind viewer --rep ana --team emea  (ana's overlay and reports)",
                "          pressure-monitor token create --kind team --team emea              (the team page)"},
        subcommands = {TokenCommand.Create.class})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates a token and prints it once. Give agent tokens to agents through PRESSURE_MONITOR_TOKEN,",
                    "not on the command line, where other users of the machine can read it.", "",
                    "Example:  pressure-monitor token create --rep ana --team emea --db 'jdbc:postgresql://db/pm?user=pm'"})
    static final class Create implements Callable<Integer> {
        @Option(names = "--kind", defaultValue = "agent", description = "agent, viewer or team (default: ${DEFAULT-VALUE}).")
        String kind;

        @Option(names = "--rep", paramLabel = "NAME", description = "The rep (agent and viewer tokens).")
        String rep;

        @Option(names = "--team", paramLabel = "NAME", required = true, description = "The team.")
        String team;

        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Principal.Kind k;
            try {
                k = Principal.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserException("--kind must be agent, viewer or team, was '" + kind + "'");
            }
            if (k != Principal.Kind.TEAM && (rep == null || !rep.matches("[A-Za-z0-9._-]{1,64}"))) {
                throw new UserException("--rep NAME is required for " + kind + " tokens (letters, digits, '.', '_' or '-')");
            }
            if (!team.matches("[A-Za-z0-9._ -]{0,64}")) throw new UserException("--team must be letters, digits, spaces, '.', '_' or '-'");
            ServerConfig config = store.apply(ServerConfig.defaults());
            try (CallStore calls = CallStore.open(config.db())) {
                String token = calls.createToken(k, k == Principal.Kind.TEAM ? "*" : rep, team);
                spec.commandLine().getOut().println(token);
                spec.commandLine().getErr().println("created a " + k.name().toLowerCase() + " token" + (rep == null ? "" : " for " + rep)
                        + " in team " + team + ": store it now, it cannot be shown again");
                return 0;
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }
    }
}
