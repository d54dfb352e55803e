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
        return start(ProcessBuilder.Redirect.DISCARD, args);
    }

    /** As {@link #start(String...)}, its log (stderr) going to {@code log}. */
    static ServerProcess start(Path log, String... args) throws IOException {
        return start(ProcessBuilder.Redirect.to(log.toFile()), args);
    }

    /** A loopback server without tokens on a free port, keeping its SQLite database in {@code data}; its log to {@code log}. */
    static ServerProcess local(Path log, Path data, String... more) throws IOException {
        return start(log, localArgs(data, more));
    }

    /** The arguments of {@link #local}: {@code server --host 127.0.0.1 --port 0 --data DATA --no-auth MORE...}. */
    static String[] localArgs(Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("server", "--host", "127.0.0.1", "--port", "0", "--data", data.toString(), "--no-auth"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /**
     * As {@link #start(Path, String...)}, with the process's file-descriptor limit lowered to {@code descriptors}
     * ({@code ulimit -n}), as a server run by a service manager or in a container may be.
     */
    static ServerProcess startWithDescriptorLimit(int descriptors, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "ulimit -n " + descriptors + " && exec \"$@\"", "bash"));
        cmd.addAll(command(PressureMonitor.class, args));
        return start(cmd, ProcessBuilder.Redirect.to(log.toFile()), args);
    }

    private static ServerProcess start(ProcessBuilder.Redirect log, String... args) throws IOException {
        return start(command(PressureMonitor.class, args), log, args);
    }

    private static ServerProcess start(List<String> command, ProcessBuilder.Redirect log, String... args) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(log).start();
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

    /** Starts {@code main} of this test classpath in its own JVM, its output (stdout and stderr) going to {@code log}. */
    static Process java(Path log, Class<?> main, String... args) throws IOException {
        return new ProcessBuilder(command(main, args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> command(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The port a server started with {@code --port 0} chose, from its first line ("server: http://HOST:PORT/ ..."). */
    int port() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^server: http://[^/]*:(\\d+)/").matcher(firstLine);
        if (!m.find()) throw new IllegalStateException("no port in the server's first line: " + firstLine);
        return Integer.parseInt(m.group(1));
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
