package dev.pressuremonitor.agent.audio;

/**
 * Java Sound reports nothing when a capture device is unplugged: reads just return no bytes. Real silence still
 * delivers bytes (zeros) at the device's rate, so "no bytes for a while" is the signal that the device is gone.
 */
public final class SilenceWatchdog {
    private final long timeoutNanos;
    private long lastBytesAt;

    public SilenceWatchdog(long timeoutNanos, long now) {
        this.timeoutNanos = timeoutNanos;
        this.lastBytesAt = now;
    }

    /** Records a read of {@code bytes} at {@code now}; true when the device has delivered nothing for too long. */
    public boolean deviceGone(int bytes, long now) {
        if (bytes > 0) {
            lastBytesAt = now;
            return false;
        }
        return now - lastBytesAt >= timeoutNanos;
    }

    /** After reopening, the clock starts again. */
    public void reset(long now) {
        lastBytesAt = now;
    }
}
