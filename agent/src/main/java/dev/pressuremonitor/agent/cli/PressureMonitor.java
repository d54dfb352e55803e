package dev.pressuremonitor.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;

/** The {@code pressure-monitor} command. */
@Command(name = "pressure-monitor",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "A local-first coach for sales calls.",
        description = {"Hears pressure in the rep's words as they speak and nudges toward trust. Audio never leaves the machine."},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {"  pressure-monitor run --demo           watch the bundled call being coached",
                "  pressure-monitor run --rep ana        coach your own call (microphone)",
                "  pressure-monitor COMMAND --help       what each command does, with examples"},
        subcommands = {RunCommand.class, ServerCommand.class, AgentCommand.class, AnalyzeCommand.class, DevicesCommand.class, ModelCommand.class, TokenCommand.class, FeedbackCommand.class,
                ClassifyCommand.class, EvalCommand.class, TrainCommand.class, QuestionEvalCommand.class, CommandLine.HelpCommand.class})
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
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        airOut(cl);
        return cl;
    }

    /** A blank line between the parts of every help page, so the eye finds the options and the examples. */
    private static void airOut(CommandLine cl) {
        var usage = cl.getCommandSpec().usageMessage();
        usage.descriptionHeading("%n").parameterListHeading("%n").optionListHeading("%nOptions:%n");
        cl.getSubcommands().values().forEach(PressureMonitor::airOut);
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
