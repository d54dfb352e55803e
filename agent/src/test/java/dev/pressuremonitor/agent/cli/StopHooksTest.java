package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A Ctrl-C that comes while a command starts is a stop the command hears about, not a stack trace. */
class StopHooksTest {
    @Test
    void aHookAddedWhileRunningIsKeptUntilRemoved() {
        Thread hook = new Thread(() -> { });
        assertThat(StopHooks.add(hook)).isTrue();
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("it was registered").isTrue();
        assertThat(StopHooks.remove(hook)).as("removing it twice is harmless, and says it was not there").isFalse();
    }

    @Test
    @Tag("process")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aHookAddedOnceTheProcessIsStoppingIsRefusedQuietly() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Stopping.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("added=false").doesNotContain("Exception", "\tat ");
    }

    /** A process that is already stopping (one of its hooks holds the exit open) when it asks for a hook. */
    static final class Stopping {
        public static void main(String[] args) throws Exception {
            CountDownLatch stopping = new CountDownLatch(1);
            CountDownLatch asked = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping.countDown();
                CallRunner.awaitQuietly(asked, 10);
            }));
            new Thread(() -> System.exit(0)).start();
            stopping.await();
            System.out.println("added=" + StopHooks.add(new Thread(() -> { })));
            System.out.flush();
            asked.countDown();
        }
    }
}
