package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.detect.RulePackException;
import picocli.CommandLine;

/**
 * Errors a user can fix are printed as one line that says what to do, never as a stack trace; anything else is
 * a bug and keeps its trace.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof RulePackException || ex instanceof UserException || ex instanceof dev.pressuremonitor.agent.stt.ModelException) {
            cl.getErr().println("pressure-monitor: " + ex.getMessage());
            return USER_ERROR;
        }
        ex.printStackTrace(cl.getErr());
        return 1;
    }
}
