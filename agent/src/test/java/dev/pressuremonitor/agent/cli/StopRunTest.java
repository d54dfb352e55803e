package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C in the middle of a call, sent to a real process: the call ends there, is stored, and its report is named. */
@Tag("process")
class StopRunTest {
    private Process process;
    private BufferedReader out;
    private final List<String> lines = new ArrayList<>();

    private void start(Path dir, String... more) throws Exception {
        Path call = Files.writeString(dir.resolve("call.jsonl"), new VoskLines()
                .say("rep", 0.5, "just checking in on the proposal i sent")
                .say("prospect", 4.0, "we are happy with our current vendor")
                .say("rep", 300.0, "so are you ready to sign today").toString());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), PressureMonitor.class.getName(),
                "run", "--input", call.toString(), "--port", "0", "--rep", "ana", "--data", dir.resolve("data").toString()));
        cmd.addAll(List.of(more));
        process = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private void readUntil(String prefix) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.startsWith(prefix)) return;
        }
    }

    private long sent;

    /** Sends Ctrl-C, reads the rest; the process must be gone within 8 s. Returns the stored call. */
    private CallSummary stopAndFindTheStoredCall(Path dir) throws Exception {
        sent = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        // what is left to print is a few lines, well within the pipe's buffer: wait first, so a hang fails here
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exits soon after Ctrl-C").isTrue();
        for (String line; (line = out.readLine()) != null; ) lines.add(line);

        Matcher report = Pattern.compile("report: http://127\\.0\\.0\\.1:\\d+/calls/([0-9a-f-]{36})\\?token=\\S+").matcher(String.join("\n", lines));
        assertThat(report.find()).as("prints the report address: " + lines).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(err).contains("stopping: ending the call and storing it...").doesNotContain("Exception", "\tat ");
        try (CallStore store = CliTest.store(dir.resolve("data"))) {
            return store.summary(report.group(1)).orElseThrow();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ctrlCEndsTheCallStoresItAndPrintsItsReportAddressPromptly(@TempDir Path dir) throws Exception {
        start(dir);
        readUntil("[0:00] CHASE"); // the first nudge: the call is under way
        assertThat(process.isAlive()).as("the call is still playing: " + lines).isTrue();
        CallSummary s = stopAndFindTheStoredCall(dir);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).as("promptly").isLessThan(5000);
        assertThat(s.ended()).as("the call is closed, not left open").isTrue();
        assertThat(s.duration()).as("it ended where Ctrl-C came, not at the demo's end").isLessThan(300);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ctrlCWhileWaitingForTheOverlayStopsPromptlyAndStoresTheCall(@TempDir Path dir) throws Exception {
        start(dir, "--wait-for-overlay");
        readUntil("overlay: "); // nobody opens it
        CallSummary s = stopAndFindTheStoredCall(dir);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).as("promptly, not after the hook's 10 s wait").isLessThan(5000);
        assertThat(s.ended()).isTrue();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ctrlCAsSoonAsTheOverlayAddressShowsStillEndsAndStoresTheCallWithoutATrace(@TempDir Path dir) throws Exception {
        start(dir);
        readUntil("overlay: ");
        assertThat(process.isAlive()).isTrue();
        assertThat(stopAndFindTheStoredCall(dir).ended()).isTrue();
    }
}
