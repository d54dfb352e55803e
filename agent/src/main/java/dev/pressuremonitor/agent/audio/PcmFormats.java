package dev.pressuremonitor.agent.audio;

import javax.sound.sampled.AudioFormat;

/** The audio formats the agent works in, and small PCM helpers. */
public final class PcmFormats {
    /** What Vosk's small models are trained on: 16 kHz, 16-bit, mono, signed, little-endian. */
    public static final float SPEECH_RATE = 16000f;

    private PcmFormats() {}

    public static AudioFormat speech(float rate, int channels) {
        return new AudioFormat(rate, 16, channels, true, false);
    }

    /** Bytes of 16-bit audio in {@code millis} at {@code rate} for {@code channels}, whole frames. */
    public static int bytesFor(float rate, int channels, int millis) {
        return Math.max(1, (int) (rate * millis / 1000)) * 2 * channels;
    }

    /**
     * Splits interleaved 16-bit little-endian frames into one mono buffer per channel.
     *
     * @return out[c] holds channel c's samples, {@code length / channels} bytes each
     */
    public static byte[][] split(byte[] interleaved, int length, int channels) {
        int frames = length / (2 * channels);
        byte[][] out = new byte[channels][frames * 2];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                int src = (f * channels + c) * 2;
                out[c][f * 2] = interleaved[src];
                out[c][f * 2 + 1] = interleaved[src + 1];
            }
        }
        return out;
    }

    /** Averages interleaved channels into mono, for devices that only capture stereo. */
    public static byte[] downmix(byte[] interleaved, int length, int channels) {
        int frames = length / (2 * channels);
        byte[] out = new byte[frames * 2];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int i = (f * channels + c) * 2;
                sum += (short) ((interleaved[i] & 0xff) | (interleaved[i + 1] << 8));
            }
            short avg = (short) (sum / channels);
            out[f * 2] = (byte) avg;
            out[f * 2 + 1] = (byte) (avg >> 8);
        }
        return out;
    }

    /** Root-mean-square level of 16-bit little-endian mono audio, 0..1. */
    public static double rms(byte[] pcm, int length) {
        int n = length / 2;
        if (n == 0) return 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            short s = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
            sum += (double) s * s;
        }
        return Math.sqrt(sum / n) / 32768.0;
    }
}
