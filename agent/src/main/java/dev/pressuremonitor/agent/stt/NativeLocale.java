package dev.pressuremonitor.agent.stt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * libvosk writes the numbers in its JSON with the C library's current locale, and the JVM launcher sets that
 * locale from the environment: on a German, French or Russian desktop a result reads {@code "conf" : 0,660000},
 * which is not JSON. Before libvosk produces anything, the process's numeric locale is put back to "C" (only
 * numbers: messages, dates and Java's own formatting are untouched).
 */
public final class NativeLocale {
    /** The C library's setlocale, and snprintf for checking what native code prints. */
    interface CLibrary extends Library {
        String setlocale(int category, String locale);

        int snprintf(byte[] buffer, long size, String format, Object... args);
    }

    private static volatile CLibrary libc;

    private NativeLocale() {}

    /** LC_NUMERIC in the platform's C library headers. */
    static int lcNumeric() {
        return Platform.isLinux() ? 1 : 4; // glibc and musl: 1; macOS, the BSDs and the Windows C runtime: 4
    }

    static CLibrary libc() {
        CLibrary l = libc;
        if (l == null) {
            l = Native.load(Platform.isWindows() ? "msvcrt" : "c", CLibrary.class);
            libc = l;
        }
        return l;
    }

    /**
     * Sets the numeric locale to "C" for native code in this process. Returns what it was before, or null when
     * the C library could not be reached (then nothing changed, and Vosk results with decimal commas are still
     * read by {@link VoskResultParser}).
     */
    public static synchronized String useCNumbers() {
        try {
            CLibrary c = libc();
            String before = c.setlocale(lcNumeric(), null);
            c.setlocale(lcNumeric(), "C");
            return before;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return null;
        }
    }

    /** {@code value} as native code in this process prints it with "%f" right now. */
    public static String printedByNativeCode(double value) {
        byte[] buffer = new byte[64];
        int n = libc().snprintf(buffer, buffer.length, "%f", value);
        return new String(buffer, 0, Math.max(0, Math.min(n, buffer.length - 1)), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
