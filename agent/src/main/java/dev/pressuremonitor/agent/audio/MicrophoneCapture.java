package dev.pressuremonitor.agent.audio;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sound.sampled.AudioFormat;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The capture thread for one device: reads ~100 ms at a time, down-mixes to mono when the device only offers
 * stereo, and hands chunks to the recogniser's queue without ever waiting for it. When the device stops
 * delivering (unplugged), it says so once and keeps trying to reopen it until stopped.
 */
public final class MicrophoneCapture implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MicrophoneCapture.class);
    static final long GONE_AFTER = TimeUnit.SECONDS.toNanos(2);

    private final String name;
    private final CaptureLine.Opener opener;
    private final ChunkQueue out;
    private final PrintWriter messages;
    private final LongSupplier clock;
    private volatile boolean stopped;
    private volatile float rate;
    private int reopens;

    public MicrophoneCapture(String name, CaptureLine.Opener opener, ChunkQueue out, PrintWriter messages, LongSupplier clock) {
        this.name = name;
        this.opener = opener;
        this.out = out;
        this.messages = messages;
        this.clock = clock;
    }

    /** The rate of the audio put on the queue, once open. */
    public float rate() {
        return rate;
    }

    public int reopens() {
        return reopens;
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        long backoff = 250;
        while (!stopped) {
            try (CaptureLine line = opener.open()) {
                backoff = 250;
                AudioFormat f = line.format();
                rate = f.getSampleRate();
                int channels = f.getChannels();
                byte[] buf = new byte[PcmFormats.bytesFor(f.getSampleRate(), channels, 100)];
                SilenceWatchdog watchdog = new SilenceWatchdog(GONE_AFTER, clock.getAsLong());
                while (!stopped) {
                    int n = line.read(buf, buf.length);
                    if (watchdog.deviceGone(n, clock.getAsLong())) {
                        reopens++;
                        messages.println("microphone '" + name + "' stopped delivering audio (unplugged?): reopening it");
                        messages.flush();
                        break;
                    }
                    if (n <= 0) {
                        // a live line blocks in read; zero means it is closed or gone, so do not spin
                        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                        continue;
                    }
                    byte[] mono = channels == 1 ? java.util.Arrays.copyOf(buf, n) : PcmFormats.downmix(buf, n, channels);
                    out.offerLive(new AudioChunk(mono, mono.length));
                }
            } catch (Exception e) {
                if (stopped) break;
                log.debug("cannot open {}: {}", name, e.getMessage());
                if (reopens++ == 0) {
                    messages.println("cannot open microphone '" + name + "': " + e.getMessage() + " (retrying)");
                    messages.flush();
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
        try {
            out.put(AudioChunk.END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
