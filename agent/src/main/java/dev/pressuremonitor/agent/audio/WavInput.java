package dev.pressuremonitor.agent.audio;

import dev.pressuremonitor.models.Speaker;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A recorded call as audio: a WAV (or any file Java Sound reads) at any sample rate, converted to 16-bit PCM at
 * 16 kHz (never up-sampled: lower rates are kept and handed to Vosk as they are). Mono is the rep alone; stereo is
 * split, by default left = rep and right = prospect.
 */
public final class WavInput {
    /** Which speaker each channel carries, in channel order; null drops the channel. */
    public record Layout(List<Speaker> channels) {
        public static Layout repLeftProspectRight() {
            return new Layout(List.of(Speaker.REP, Speaker.PROSPECT));
        }

        public static Layout parse(String spec) {
            String[] parts = spec.split(",");
            Speaker[] out = new Speaker[parts.length];
            for (int i = 0; i < parts.length; i++) {
                switch (parts[i].trim().toLowerCase()) {
                    case "rep" -> out[i] = Speaker.REP;
                    case "prospect" -> out[i] = Speaker.PROSPECT;
                    case "none", "-" -> out[i] = null;
                    default -> throw new IllegalArgumentException("--channels takes a comma list of rep, prospect or none (one per channel), e.g. prospect,rep; got '" + parts[i] + "'");
                }
            }
            return new Layout(Arrays.asList(out));
        }
    }

    private final Path file;
    private final AudioFormat format;
    private final long frames;

    private WavInput(Path file, AudioFormat format, long frames) {
        this.file = file;
        this.format = format;
        this.frames = frames;
    }

    /** Opens and checks the file without reading it all; the errors say what to do. */
    public static WavInput open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no such audio file: " + file);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getChannels() < 1 || f.getChannels() > 2) {
                throw new IOException(file + " has " + f.getChannels() + " channels: use mono (rep only) or stereo (rep and prospect)");
            }
            return new WavInput(file, f, in.getFrameLength());
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + " is not an audio file Java Sound can read (" + e.getMessage()
                    + "): convert it, e.g. 'sox " + file.getFileName() + " -b 16 call.wav'", e);
        }
    }

    public AudioFormat sourceFormat() {
        return format;
    }

    public int channels() {
        return format.getChannels();
    }

    /** The rate the recogniser gets: 16 kHz, or the file's own rate when that is lower. */
    public float recognizerRate() {
        return Math.min(format.getSampleRate(), PcmFormats.SPEECH_RATE);
    }

    public double seconds() {
        return frames / format.getFrameRate();
    }

    /**
     * Reads the file and puts each speaker's audio on their queue in ~100 ms chunks, then {@link AudioChunk#END}.
     *
     * @param speed 1 = real time, N = N times faster, 0 = as fast as the recognisers take it
     */
    public void play(Layout layout, Map<Speaker, ChunkQueue> queues, double speed) throws IOException, InterruptedException {
        play(layout, queues, speed, () -> false);
    }

    /** As {@link #play(Layout, Map, double)}, ending where {@code stopped} first says so (Ctrl-C): what was read is kept. */
    public void play(Layout layout, Map<Speaker, ChunkQueue> queues, double speed, java.util.function.BooleanSupplier stopped)
            throws IOException, InterruptedException {
        int channels = format.getChannels();
        List<Speaker> map = channels == 1 ? List.of(Speaker.REP) : layout.channels();
        if (map.size() != channels) {
            throw new IOException(file + " has " + channels + " channel(s) but --channels names " + map.size());
        }
        AudioFormat target = PcmFormats.speech(recognizerRate(), channels);
        try (AudioInputStream raw = openRaw();
             AudioInputStream pcm = convert(raw, target)) {
            int chunkBytes = PcmFormats.bytesFor(target.getSampleRate(), channels, 100);
            byte[] buf = new byte[chunkBytes];
            long start = System.nanoTime();
            long bytesDone = 0;
            int n;
            while (!stopped.getAsBoolean() && (n = readFully(pcm, buf)) > 0) {
                byte[][] perChannel = PcmFormats.split(buf, n, channels);
                for (int c = 0; c < channels; c++) {
                    Speaker s = map.get(c);
                    if (s != null && queues.containsKey(s)) queues.get(s).put(new AudioChunk(perChannel[c], perChannel[c].length));
                }
                bytesDone += n;
                if (speed > 0) {
                    double audioSeconds = bytesDone / (double) (target.getFrameSize() * target.getFrameRate());
                    long due = start + (long) (audioSeconds / speed * 1e9);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
                        if (Thread.interrupted()) throw new InterruptedException();
                    }
                }
            }
        }
        for (ChunkQueue q : queues.values()) q.put(AudioChunk.END);
    }

    private AudioInputStream openRaw() throws IOException {
        try {
            return AudioSystem.getAudioInputStream(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** To 16-bit signed little-endian first, then to the target rate (Java Sound converts one step at a time). */
    static AudioInputStream convert(AudioInputStream in, AudioFormat target) throws IOException {
        AudioFormat src = in.getFormat();
        AudioFormat pcmAtSourceRate = new AudioFormat(src.getSampleRate(), 16, src.getChannels(), true, false);
        AudioInputStream step = in;
        if (!sameEncoding(src, pcmAtSourceRate)) step = convertOrExplain(step, pcmAtSourceRate);
        if (src.getSampleRate() != target.getSampleRate()) step = convertOrExplain(step, target);
        return step;
    }

    private static boolean sameEncoding(AudioFormat a, AudioFormat b) {
        return a.getEncoding().equals(b.getEncoding()) && a.getSampleSizeInBits() == b.getSampleSizeInBits()
                && a.isBigEndian() == b.isBigEndian() && a.getChannels() == b.getChannels();
    }

    private static AudioInputStream convertOrExplain(AudioInputStream in, AudioFormat to) throws IOException {
        if (!AudioSystem.isConversionSupported(to, in.getFormat())) {
            throw new IOException("Java Sound cannot convert " + in.getFormat() + " to " + to + ": convert the file first, e.g. 'sox in.wav -r 16000 -b 16 out.wav'");
        }
        return AudioSystem.getAudioInputStream(to, in);
    }

    private static int readFully(AudioInputStream in, byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) break;
            off += n;
        }
        int frame = in.getFormat().getFrameSize();
        return off - (frame > 0 ? off % frame : 0);
    }

    public static Map<Speaker, ChunkQueue> queuesFor(WavInput in, Layout layout, int capacity) {
        Map<Speaker, ChunkQueue> m = new EnumMap<>(Speaker.class);
        List<Speaker> speakers = in.channels() == 1 ? List.of(Speaker.REP) : layout.channels();
        for (Speaker s : speakers) if (s != null) m.put(s, new ChunkQueue(capacity));
        return m;
    }
}
