package dev.pressuremonitor.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;

/** The {@code pressure-monitor} command. */
@Command(name = "pressure-monitor",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
                "A local-first coach for sales calls: hears pressure in the rep's words and nudges toward trust.",
                "",
                "Example:  echo '{\"id\":\"1\",\"text\":\"just checking in to see if you had a chance to look\"}' | pressure-monitor classify"
        },
        subcommands = {RunCommand.class, ServerCommand.class, AgentCommand.class, AnalyzeCommand.class, DevicesCommand.class, ModelCommand.class, TokenCommand.class,
                ClassifyCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class PressureMonitor implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard input for subcommands that read it; tests pass their own. */
    final InputStream in;

    PressureMonitor(InputStream in) {
        this.in = in;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        CommandLine cl = newCommandLine();
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }

    /** The configured command line; tests run it with their own streams. */
    public static CommandLine newCommandLine() {
        return newCommandLine(System.in);
    }

    static CommandLine newCommandLine(InputStream in) {
        CommandLine cl = new CommandLine(new PressureMonitor(in));
        cl.setExecutionExceptionHandler(new UserErrors());
        return cl;
    }

    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = newCommandLine(in);
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
