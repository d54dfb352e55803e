package dev.pressuremonitor.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code pressure-monitor} process for fault tests, killed the hard way. */
final class ServerProcess implements AutoCloseable {
    final Process process;
    final String firstLine;

    private ServerProcess(Process process, String firstLine) {
        this.process = process;
        this.firstLine = firstLine;
    }

    static ServerProcess start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), PressureMonitor.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the command says where it listens (or dies)
        if (line == null) throw new IOException("pressure-monitor " + String.join(" ", args) + " exited with " + waitQuietly(p));
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling up
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new ServerProcess(p, line);
    }

    /** SIGKILL: no shutdown hooks, no flushing, exactly like a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static int waitQuietly(Process p) {
        try {
            return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
