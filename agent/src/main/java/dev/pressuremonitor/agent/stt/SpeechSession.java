package dev.pressuremonitor.agent.stt;

import dev.pressuremonitor.agent.audio.ChunkQueue;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Audio in, transcript segments out, one thread per job: a producer thread (file reader or microphone) fills one
 * queue per speaker, one recogniser thread per speaker drains it, and the calling thread alone passes the
 * resulting segments on, so the call it feeds needs no locking.
 */
public final class SpeechSession {
    private static final Object DONE = new Object();

    private final BiFunction<Speaker, Float, SpeechRecognizer> recognizers;

    /** @param recognizers makes the recogniser for a speaker at a sample rate; called on that speaker's thread */
    public SpeechSession(BiFunction<Speaker, Float, SpeechRecognizer> recognizers) {
        this.recognizers = recognizers;
    }

    /**
     * Runs until every speaker's audio has ended (the producer puts the end marker), passing segments to
     * {@code sink} on this thread in the order the recognisers produce them.
     */
    public void run(Map<Speaker, ChunkQueue> audio, Map<Speaker, Float> rates, Runnable producer, Consumer<TranscriptSegment> sink)
            throws InterruptedException {
        BlockingQueue<Object> results = new LinkedBlockingQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (var e : audio.entrySet()) {
            Speaker speaker = e.getKey();
            SpeechStream stream = new SpeechStream(speaker, e.getValue().queue(),
                    () -> recognizers.apply(speaker, rates.get(speaker)), results::add, 0);
            Thread t = new Thread(() -> {
                try {
                    stream.run();
                } finally {
                    results.add(DONE);
                }
            }, "recogniser-" + speaker.name().toLowerCase());
            threads.add(t);
        }
        Thread source = new Thread(producer, "audio-source");
        threads.forEach(Thread::start);
        source.start();
        int running = threads.size();
        try {
            while (running > 0) {
                Object r = results.take();
                if (r == DONE) running--;
                else sink.accept((TranscriptSegment) r);
            }
        } finally {
            source.interrupt();
            for (Thread t : threads) {
                if (running > 0) t.interrupt();
                t.join(5000);
            }
            source.join(5000);
        }
    }
}
