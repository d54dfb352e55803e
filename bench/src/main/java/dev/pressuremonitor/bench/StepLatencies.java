package dev.pressuremonitor.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The ingest-to-overlay latencies of one load step, each with the time its event was sent (from the step's start),
 * so that a step's first second can be told from the rest. In that first second the load tool has just opened its
 * connections and started every call at once: its own pauses and the server's burst of call starts land there, at
 * random, for any target (a relay's p99 over a whole step ranged from 2 to 41 ms between two runs, nearly all of it
 * from events sent in the first second). The rest of the step is the rate itself. Both are reported; nothing is
 * dropped. Safe to add to from any thread.
 */
final class StepLatencies {
    /** How long after the step's start an event counts as sent at the steady rate. */
    static final long FIRST_SECOND_NANOS = 1_000_000_000L;

    private final AtomicLongArray latencies;
    private final AtomicLongArray sentAfter;
    private final AtomicInteger count = new AtomicInteger();

    StepLatencies(int capacity) {
        latencies = new AtomicLongArray(capacity);
        sentAfter = new AtomicLongArray(capacity);
    }

    /** One delivered event: sent {@code sentAfterNanos} after the step's start, delivered {@code latencyNanos} later. */
    void add(long sentAfterNanos, long latencyNanos) {
        int i = count.getAndIncrement();
        if (i >= latencies.length()) return; // beyond capacity: counted as delivered by the caller, not sampled
        sentAfter.set(i, sentAfterNanos);
        latencies.set(i, latencyNanos);
    }

    /** Sorted latencies (ns) of the events sent from {@code fromNanos} (inclusive) to {@code toNanos} after the step's start. */
    long[] sorted(long fromNanos, long toNanos) {
        int n = Math.min(count.get(), latencies.length());
        long[] out = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            long sent = sentAfter.get(i);
            if (sent >= fromNanos && sent < toNanos) out[k++] = latencies.get(i);
        }
        out = Arrays.copyOf(out, k);
        Arrays.sort(out);
        return out;
    }

    /** The {@code p}th percentile of sorted nanoseconds, in milliseconds; 0 for no samples. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }
}
