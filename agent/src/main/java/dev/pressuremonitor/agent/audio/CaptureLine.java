package dev.pressuremonitor.agent.audio;

import javax.sound.sampled.AudioFormat;

/** An open capture device, as little of {@code TargetDataLine} as capture needs (tests fake it). */
public interface CaptureLine extends AutoCloseable {
    AudioFormat format();

    /** Reads up to {@code length} bytes (whole frames); 0 when the device delivered nothing. */
    int read(byte[] buf, int length);

    @Override
    void close();

    /** Opens (or reopens) the device; throws with a message a user can act on. */
    @FunctionalInterface
    interface Opener {
        CaptureLine open() throws Exception;
    }
}
