package dev.pressuremonitor.server.overlay;

/**
 * One overlay message kept for the snapshot a newly connected overlay gets, held as UTF-8 in a byte array that the
 * next message kept in its place reuses. Keeping the message's String instead kept one object per event alive for
 * as long as the rep's next few events took to come: long enough, at a busy server, to survive young collections
 * and be promoted, and the old generation then filled with dead snapshots (half the full collections of a load
 * run at 4,000 + 8,000 events/s, each a pause of 40-60 ms; BENCHMARKS.md). A reused array is allocated once.
 */
final class KeptFrame {
    /** An array this much longer than its message is given back (a rare huge message does not pin its size). */
    private static final int SHRINK_FACTOR = 4;
    private static final int SHRINK_ABOVE = 4096;

    private byte[] bytes;
    private int length = -1;

    /** Keeps a message, given as UTF-8 (a copy is kept: the array given may be short-lived), in place of what was kept. */
    void keep(byte[] utf8) {
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, 0, utf8.length);
        length = utf8.length;
    }

    private void ensure(int n) {
        // a little slack: the next message of a kind is about as long, and sometimes a few bytes longer
        if (bytes == null || bytes.length < n || (bytes.length > SHRINK_ABOVE && n < bytes.length / SHRINK_FACTOR)) {
            bytes = new byte[n + n / 8];
        }
    }

    void clear() {
        length = -1;
    }

    boolean isEmpty() {
        return length < 0;
    }

    /** A copy of the message kept, in UTF-8; only asked for a snapshot, when an overlay connects. */
    byte[] utf8() {
        if (length < 0) throw new IllegalStateException("nothing kept");
        return java.util.Arrays.copyOf(bytes, length);
    }
}
