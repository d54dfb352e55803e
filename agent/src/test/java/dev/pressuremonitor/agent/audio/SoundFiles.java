package dev.pressuremonitor.agent.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real speech and sound files made with espeak-ng and sox (Debian packages that .ci/run installs). */
final class SoundFiles {
    private SoundFiles() {}

    static void requireTools() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")) && Files.isExecutable(Path.of("/usr/bin/sox")),
                "needs espeak-ng and sox: apt-get install -y espeak-ng sox (.ci/run installs them)");
    }

    /** espeak-ng's own output: 22,050 Hz mono 16-bit. */
    static Path speak(Path dir, String name, String text) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        run("espeak-ng", "-s", "160", "-w", out.toString(), text);
        return out;
    }

    static Path sox(Path dir, String name, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("sox"));
        cmd.addAll(List.of(args));
        cmd.add(out.toString());
        run(cmd.toArray(String[]::new));
        return out;
    }

    /** Two seconds of digital silence at 22,050 Hz mono. */
    static Path silence(Path dir, String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        run("sox", "-n", "-r", "22050", "-c", "1", "-b", "16", out.toString(), "trim", "0", "2");
        return out;
    }

    static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + output);
    }
}
