package dev.pressuremonitor.agent.audio;

import org.junit.jupiter.api.Test;

import javax.sound.sampled.AudioFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MicrophoneCaptureTest {

    /** A device that delivers {@code chunks} reads of audio, then only zero-length reads (unplugged). */
    static class FakeLine implements CaptureLine {
        final AudioFormat format;
        int chunksLeft;
        final AtomicLong clock;
        boolean closed;

        FakeLine(AudioFormat format, int chunks, AtomicLong clock) {
            this.format = format;
            this.chunksLeft = chunks;
            this.clock = clock;
        }

        @Override
        public AudioFormat format() {
            return format;
        }

        @Override
        public int read(byte[] buf, int length) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            if (chunksLeft-- > 0) {
                for (int i = 0; i < length; i += 2) buf[i] = 1; // sample value 1 on every channel
                return length;
            }
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void anUnpluggedDeviceIsNoticedReportedAndReopened() throws Exception {
        AtomicLong clock = new AtomicLong();
        ChunkQueue queue = new ChunkQueue(100);
        StringWriter messages = new StringWriter();
        List<FakeLine> opened = new ArrayList<>();
        MicrophoneCapture[] self = new MicrophoneCapture[1];
        CaptureLine.Opener opener = () -> {
            boolean last = opened.size() == 1;
            FakeLine l = new FakeLine(PcmFormats.speech(16000, 1), 3, clock) {
                @Override
                public int read(byte[] buf, int length) {
                    int n = super.read(buf, length);
                    if (n == 0 && last) self[0].stop(); // the reopened device ends the test when it runs dry
                    return n;
                }
            };
            opened.add(l);
            return l;
        };
        self[0] = new MicrophoneCapture("USB mic", opener, queue, new PrintWriter(messages), clock::get);
        self[0].run();

        assertThat(opened).hasSize(2);
        assertThat(opened.get(0).closed).isTrue();
        assertThat(self[0].reopens()).isEqualTo(1);
        assertThat(messages.toString()).contains("microphone 'USB mic' stopped delivering audio (unplugged?): reopening it");
        int chunks = 0;
        for (AudioChunk c; !(c = queue.queue().take()).isEnd(); ) chunks++;
        assertThat(chunks).as("3 chunks before the unplug, 3 after reopening").isEqualTo(6);
    }

    @Test
    void aStereoOnlyDeviceIsDownmixedToMono() throws Exception {
        AtomicLong clock = new AtomicLong();
        ChunkQueue queue = new ChunkQueue(100);
        MicrophoneCapture[] self = new MicrophoneCapture[1];
        CaptureLine.Opener opener = () -> new FakeLine(PcmFormats.speech(48000, 2), 1, clock) {
            @Override
            public int read(byte[] buf, int length) {
                int n = super.read(buf, length);
                if (n == 0) self[0].stop();
                return n;
            }
        };
        self[0] = new MicrophoneCapture("stereo", opener, queue, new PrintWriter(new StringWriter()), clock::get);
        self[0].run();
        AudioChunk c = queue.queue().take();
        assertThat(c.length()).as("100 ms of 48 kHz mono 16-bit").isEqualTo(9600);
        assertThat(self[0].rate()).isEqualTo(48000f);
    }

    @Test
    void liveAudioNeverWaitsForASlowRecogniserAndCountsWhatItDropped() {
        ChunkQueue q = new ChunkQueue(4);
        for (int i = 0; i < 10; i++) q.offerLive(new AudioChunk(new byte[]{(byte) i}, 1));
        assertThat(q.dropped()).isEqualTo(6);
        assertThat(q.queue()).extracting(c -> (int) c.data()[0]).containsExactly(6, 7, 8, 9);
    }

    @Test
    void theWatchdogTellsSilenceFromAbsence() {
        SilenceWatchdog w = new SilenceWatchdog(2_000, 0);
        assertThat(w.deviceGone(3200, 1_000)).isFalse();   // bytes of silence are still bytes
        assertThat(w.deviceGone(0, 2_500)).isFalse();
        assertThat(w.deviceGone(0, 3_000)).isTrue();
    }
}
