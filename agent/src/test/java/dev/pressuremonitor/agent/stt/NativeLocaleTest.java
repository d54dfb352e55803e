package dev.pressuremonitor.agent.stt;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Under a decimal-comma locale, native code in the agent's JVM prints numbers with a dot once libvosk is loaded,
 * so Vosk's JSON stays JSON. Runs a real JVM with LC_ALL=de_DE.UTF-8, as a German desktop would start it.
 */
class NativeLocaleTest {

    /** The child JVM: prints how native code writes 0.66 before and after the Vosk library is loaded. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("before=" + NativeLocale.printedByNativeCode(0.66));
            VoskEngine.loadNative(true);
            System.out.println("after=" + NativeLocale.printedByNativeCode(0.66));
        }
    }

    @Test
    void underAGermanLocaleNativeCodePrintsNumbersWithADotOnceVoskIsLoaded() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux") && System.getProperty("os.arch").matches("amd64|x86_64"),
                "Vosk 0.3.45 ships its native library for Linux x86-64 (and Windows x86-64); this machine is neither");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "de_DE.UTF-8");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM finishes").isTrue();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        String before = lines.stream().filter(l -> l.startsWith("before=")).findFirst().orElseThrow();
        assumeTrue(before.equals("before=0,660000"), "the de_DE.UTF-8 locale is not generated on this machine (native code printed '"
                + before + "'); .ci/run generates it: sed -i 's/# de_DE.UTF-8/de_DE.UTF-8/' /etc/locale.gen && locale-gen");
        assertThat(lines).contains("after=0.660000");
    }
}
