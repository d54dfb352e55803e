package dev.pressuremonitor.agent.audio;

/**
 * A slice of 16-bit little-endian mono PCM on its way from capture to the recogniser (about 100 ms of audio).
 * {@link #END} marks the end of a stream.
 */
public record AudioChunk(byte[] data, int length) {
    public static final AudioChunk END = new AudioChunk(new byte[0], -1);

    public boolean isEnd() {
        return length < 0;
    }
}
