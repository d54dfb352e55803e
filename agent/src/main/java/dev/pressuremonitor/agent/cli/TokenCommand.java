package dev.pressuremonitor.agent.cli;

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
        header = "Create access tokens for a team server.",
        description = {"The token is printed once; the server keeps only its hash."},
        footerHeading = "%nExamples:%n",
        footer = {"  pressure-monitor token create --rep ana --team emea",
                "      an agent token: give it to ana's agent as PRESSURE_MONITOR_TOKEN",
                "  pressure-monitor token create --kind viewer --rep ana --team emea",
                "      ana's overlay, reports and own progress page",
                "  pressure-monitor token create --kind team --team emea",
                "      the team page, for the manager",
                "  pressure-monitor token create --kind operator",
                "      /metrics (every team's figures), for Prometheus"},
        subcommands = {TokenCommand.Create.class})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            header = "Create a token and print it once.",
            description = {"Give agent tokens to agents through PRESSURE_MONITOR_TOKEN, not on the command line, where other users of the machine can read it."},
            footerHeading = "%nExample:%n",
            footer = {"  pressure-monitor token create --rep ana --team emea \\",
                    "      --db 'jdbc:postgresql://db/pm?user=pm'"})
    static final class Create implements Callable<Integer> {
        @Option(names = "--kind", defaultValue = "agent", description = "agent, viewer, team or operator (default: ${DEFAULT-VALUE}).")
        String kind;

        @Option(names = "--rep", paramLabel = "NAME", description = "The rep (agent and viewer tokens).")
        String rep;

        @Option(names = "--team", paramLabel = "NAME", description = "The team (all kinds but operator).")
        String team;

        @Mixin
        DatabaseOptions database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Principal.Kind k;
            try {
                k = Principal.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserException("--kind must be agent, viewer, team or operator, was '" + kind + "'");
            }
            if (k == Principal.Kind.OPERATOR) {
                rep = "*";
                team = "*";
            } else if (team == null) {
                throw new UserException("--team NAME is required for " + kind + " tokens");
            }
            if (k != Principal.Kind.TEAM && k != Principal.Kind.OPERATOR && (rep == null || !rep.matches(RepName.VALID))) {
                throw new UserException("--rep NAME is required for " + kind + " tokens (letters, digits, '.', '_' or '-')");
            }
            if (k != Principal.Kind.OPERATOR && !team.matches("[A-Za-z0-9._ -]{0,64}")) throw new UserException("--team must be letters, digits, spaces, '.', '_' or '-'");
            String token = database.use(calls -> {
                if (rep != null && k != Principal.Kind.TEAM && k != Principal.Kind.OPERATOR) warnIfNameIsTaken(calls);
                return calls.createToken(k, k == Principal.Kind.TEAM ? "*" : rep, team);
            });
            spec.commandLine().getOut().println(token);
            spec.commandLine().getErr().println((k == Principal.Kind.OPERATOR ? "created an operator token (reads /metrics only)"
                    : "created " + (k == Principal.Kind.AGENT ? "an agent" : "a " + k.name().toLowerCase(java.util.Locale.ROOT)) + " token"
                      + (rep == null || k == Principal.Kind.TEAM ? "" : " for " + rep) + " in team " + team)
                    + ": store it now, it cannot be shown again");
            return 0;
        }

        /** The same name in another team is another person: say so, so that nobody expects to see one person's calls together. */
        private void warnIfNameIsTaken(CallStore calls) throws java.sql.SQLException {
            java.util.SortedSet<String> others = calls.otherTeamsOf(rep, team);
            if (others.isEmpty()) return;
            spec.commandLine().getErr().println("warning: team" + (others.size() == 1 ? " " : "s ") + String.join(", ", others)
                    + " already ha" + (others.size() == 1 ? "s" : "ve") + " a rep called '" + rep + "'. Pressure Monitor keeps a rep's calls,"
                    + " reports and overlay per team, so " + rep + " of " + team + " is a different person to it. If this is the same person,"
                    + " give them a token in the team they already have; if not, a distinct name (e.g. " + rep + "." + team.replace(' ', '-')
                    + ") keeps the team pages unambiguous.");
        }
    }
}
