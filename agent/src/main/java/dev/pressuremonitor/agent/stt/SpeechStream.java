package dev.pressuremonitor.agent.stt;

import dev.pressuremonitor.agent.audio.AudioChunk;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The recogniser loop for one speaker: takes audio chunks off a queue, feeds the recogniser, and passes every
 * final and (changed) partial result on as a transcript segment, through the same parser recorded calls use.
 * Runs on its own thread; the recogniser is created, used and closed there.
 */
public final class SpeechStream implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SpeechStream.class);

    private final Speaker speaker;
    private final BlockingQueue<AudioChunk> audio;
    private final java.util.function.Supplier<SpeechRecognizer> recognizerFactory;
    private final Consumer<TranscriptSegment> out;
    private final double offset;
    private long malformed;
    private long textOnly;

    /**
     * @param offset seconds on the call clock at which this stream's audio starts (Vosk times are stream-relative)
     */
    public SpeechStream(Speaker speaker, BlockingQueue<AudioChunk> audio, java.util.function.Supplier<SpeechRecognizer> recognizerFactory,
                        Consumer<TranscriptSegment> out, double offset) {
        this.speaker = speaker;
        this.audio = audio;
        this.recognizerFactory = recognizerFactory;
        this.out = out;
        this.offset = offset;
    }

    @Override
    public void run() {
        try (SpeechRecognizer recognizer = recognizerFactory.get()) {
            String lastPartial = "";
            while (true) {
                AudioChunk chunk = audio.take();
                if (chunk.isEnd()) break;
                if (recognizer.acceptWaveForm(chunk.data(), chunk.length())) {
                    emit(recognizer.result(), true);
                    lastPartial = "";
                } else {
                    String partial = recognizer.partialResult();
                    // Vosk repeats the same partial for every chunk of silence: pass on only changes
                    if (!partial.equals(lastPartial)) {
                        emit(partial, false);
                        lastPartial = partial;
                    }
                }
            }
            emit(recognizer.finalResult(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void emit(String json, boolean isFinal) {
        try {
            com.fasterxml.jackson.databind.JsonNode root = VoskResultParser.readTree(json);
            if (isFinal && VoskResultParser.hasTextOnly(root) && textOnly++ == 0) {
                log.warn("the recogniser gave text without word timings (\"{}\"): such results cannot be placed in the call and are"
                        + " left out; turn word output on (Vosk setWords(true))", VoskResultParser.textOf(root));
            }
            TranscriptSegment seg = VoskResultParser.parse(root, speaker, isFinal, offset);
            if (!seg.words().isEmpty()) out.accept(seg);
        } catch (DecodeException e) {
            if (malformed++ == 0) log.warn("the recogniser returned something unreadable ({}); skipping such results", e.getMessage());
        }
    }

    public long malformedResults() {
        return malformed;
    }

    /** Final results that had words as text but no timings (left out, with one warning). */
    public long textOnlyResults() {
        return textOnly;
    }
}
