package dev.pressuremonitor.agent.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the command line in-process with given stdin, capturing stdout, stderr and the exit code. */
record CliTest(int code, String out, String err) {
    static CliTest run(String stdin, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = PressureMonitor.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), args);
        return new CliTest(code, out.toString(), err.toString());
    }

    /** The call database the commands use with {@code --data data}. */
    static dev.pressuremonitor.server.calls.CallStore store(Path data) {
        return dev.pressuremonitor.server.calls.CallStore.open("jdbc:sqlite:" + data.resolve("pressure-monitor.db"));
    }
}
