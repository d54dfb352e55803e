package dev.pressuremonitor.agent.stt;

/**
 * What the agent needs from a speech recogniser, shaped like Vosk's: feed 16-bit little-endian mono PCM, read
 * Vosk JSON back. One instance per audio stream, used from one thread. {@link VoskRecognizer} is the real one;
 * tests use a scripted one that returns recorded JSON.
 */
public interface SpeechRecognizer extends AutoCloseable {
    /** Feeds audio; true when the recogniser reached an endpoint and {@link #result()} holds a final result. */
    boolean acceptWaveForm(byte[] pcm, int length);

    /** The final result after an endpoint. */
    String result();

    /** The current guess for the utterance in progress. */
    String partialResult();

    /** Flushes what is left at the end of the stream. */
    String finalResult();

    @Override
    void close();
}
