package dev.pressuremonitor.agent.stt;

import java.util.concurrent.atomic.AtomicBoolean;

/** A Vosk recogniser behind {@link SpeechRecognizer}; closes its native handle exactly once. */
public final class VoskRecognizer implements SpeechRecognizer {
    private final org.vosk.Recognizer recognizer;
    private final AtomicBoolean closed = new AtomicBoolean();

    VoskRecognizer(org.vosk.Recognizer recognizer) {
        this.recognizer = recognizer;
    }

    @Override
    public boolean acceptWaveForm(byte[] pcm, int length) {
        return recognizer.acceptWaveForm(pcm, length);
    }

    @Override
    public String result() {
        return recognizer.getResult();
    }

    @Override
    public String partialResult() {
        return recognizer.getPartialResult();
    }

    @Override
    public String finalResult() {
        return recognizer.getFinalResult();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) recognizer.close();
    }
}
