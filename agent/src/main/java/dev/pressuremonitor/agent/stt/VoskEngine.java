package dev.pressuremonitor.agent.stt;

import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Vosk model, loaded once and shared by every recogniser. Closes recognisers before the model, and each
 * native object exactly once (Vosk's close frees without clearing: a second close is a double free).
 */
public final class VoskEngine implements AutoCloseable {
    private static final AtomicBoolean NATIVE_READY = new AtomicBoolean();

    private final Path dir;
    private final Model model;
    private final List<VoskRecognizer> recognizers = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private VoskEngine(Path dir, Model model) {
        this.dir = dir;
        this.model = model;
    }

    /** Loads libvosk and sets its log level; the first call decides. Throws a {@link ModelException} on platforms without it. */
    public static void loadNative(boolean quiet) {
        if (NATIVE_READY.get()) return;
        try {
            // before libvosk prints a single number: under a decimal-comma locale its JSON would not be JSON
            NativeLocale.useCNumbers();
            LibVosk.setLogLevel(quiet ? LogLevel.WARNINGS : LogLevel.INFO);
            NATIVE_READY.set(true);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new ModelException("the Vosk speech library cannot load on " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + " (" + e.getMessage() + "): Vosk 0.3.45 ships Linux x86-64 and Windows x86-64 builds;"
                    + " use --input with a recorded transcript (.jsonl) instead", e);
        }
    }

    /** Loads the model in {@code dir}, or explains how to get one. */
    public static VoskEngine open(Path dir) {
        checkLooksLikeAModel(dir);
        loadNative(true);
        try {
            return new VoskEngine(dir, new Model(dir.toString()));
        } catch (IOException e) {
            throw new ModelException(dir + " is not a usable Vosk model (Vosk said: " + e.getMessage()
                    + "): download one with 'pressure-monitor model download' or pass --model DIR", e);
        }
    }

    /** Cheap checks before handing the folder to native code, so the common mistakes get a clear message. */
    public static void checkLooksLikeAModel(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelException("no Vosk model at " + dir + ": run 'pressure-monitor model download' or pass --model DIR");
        }
        boolean hasModel = Files.exists(dir.resolve("am").resolve("final.mdl")) || Files.exists(dir.resolve("final.mdl"));
        boolean hasConf = Files.exists(dir.resolve("conf").resolve("model.conf")) || Files.exists(dir.resolve("conf").resolve("mfcc.conf"));
        if (!hasModel || !hasConf) {
            throw new ModelException(dir + " does not look like a Vosk model (no am/final.mdl or conf/model.conf): "
                    + "point --model at the unpacked model folder, or run 'pressure-monitor model download'");
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * A recogniser for one stream at the device's true sample rate (Vosk downsamples; it never upsamples).
     * Words and partial words are on, since the detector needs word timings.
     */
    public synchronized VoskRecognizer newRecognizer(float sampleRate) {
        if (closed.get()) throw new IllegalStateException("the Vosk model is closed");
        try {
            org.vosk.Recognizer r = new org.vosk.Recognizer(model, sampleRate);
            r.setWords(true);
            r.setPartialWords(true);
            VoskRecognizer wrapped = new VoskRecognizer(r);
            recognizers.add(wrapped);
            return wrapped;
        } catch (IOException e) {
            throw new ModelException("Vosk could not create a recogniser at " + sampleRate + " Hz: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (VoskRecognizer r : recognizers) r.close();
        recognizers.clear();
        model.close();
    }
}
