package dev.pressuremonitor.agent.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Capture devices as Java Sound sees them, and opening one in the best format it accepts. */
public final class Devices {
    /** Formats tried in order: what Vosk wants first, then common native rates (Vosk downsamples them). */
    static final float[] RATES = {16000f, 48000f, 44100f, 32000f, 22050f};

    public record Device(Mixer.Info info, List<AudioFormat> formats) {
        public String name() {
            return info.getName();
        }
    }

    private Devices() {}

    public static List<Device> list() {
        List<Device> out = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer m = AudioSystem.getMixer(info);
            List<AudioFormat> ok = new ArrayList<>();
            for (float rate : RATES) {
                for (int ch = 1; ch <= 2; ch++) {
                    AudioFormat f = PcmFormats.speech(rate, ch);
                    if (m.isLineSupported(new DataLine.Info(TargetDataLine.class, f))) ok.add(f);
                }
            }
            if (!ok.isEmpty()) out.add(new Device(info, ok));
        }
        return out;
    }

    /** The device whose name contains {@code nameFilter} (case-insensitive), or the first one when null. */
    public static Device find(String nameFilter) {
        List<Device> all = list();
        if (all.isEmpty()) {
            throw new IllegalStateException("no capture devices found: plug in a microphone, check the system's sound settings, "
                    + "or use --input with a recording");
        }
        if (nameFilter == null) return all.get(0);
        for (Device d : all) {
            if (d.name().toLowerCase(Locale.ROOT).contains(nameFilter.toLowerCase(Locale.ROOT))) return d;
        }
        throw new IllegalStateException("no capture device matches '" + nameFilter + "': run 'pressure-monitor devices' to see their names");
    }

    /** Opens {@code device} in its first accepted format with a 500 ms buffer. */
    public static CaptureLine.Opener opener(Device device) {
        return () -> {
            AudioFormat f = device.formats().get(0);
            TargetDataLine line = (TargetDataLine) AudioSystem.getMixer(device.info()).getLine(new DataLine.Info(TargetDataLine.class, f));
            try {
                line.open(f, PcmFormats.bytesFor(f.getSampleRate(), f.getChannels(), 500));
            } catch (LineUnavailableException e) {
                throw new IllegalStateException("'" + device.name() + "' is busy or unavailable (" + e.getMessage() + "): close other apps using it or pick another with --mic", e);
            }
            line.start();
            return new CaptureLine() {
                @Override
                public AudioFormat format() {
                    return f;
                }

                @Override
                public int read(byte[] buf, int length) {
                    return line.read(buf, 0, length);
                }

                @Override
                public void close() {
                    line.stop();
                    line.close();
                }
            };
        };
    }
}
