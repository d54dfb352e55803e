package dev.pressuremonitor.agent.transcript;

import dev.pressuremonitor.models.TranscriptSegment;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Plays a recorded call into the same consumer live Vosk results go to, at the pace it was spoken
 * ({@code speed} 1), faster ({@code speed} N), or as fast as the consumer takes it ({@code speed} 0).
 */
public final class Replayer {
    /** Waits up to the given nanoseconds; the real one parks the thread. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos);
    }

    private final double speed;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    public Replayer(double speed) {
        this(speed, System::nanoTime, LockSupport::parkNanos);
    }

    Replayer(double speed, LongSupplier nanoClock, Sleeper sleeper) {
        if (speed < 0 || Double.isNaN(speed)) throw new IllegalArgumentException("speed must be 0 (as fast as possible) or positive, was " + speed);
        this.speed = speed;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Blocks until the whole call has been played; returns early if the thread is interrupted. */
    public void play(RecordedCall call, Consumer<TranscriptSegment> sink) {
        play(call, sink, () -> false);
    }

    /**
     * As {@link #play(RecordedCall, Consumer)}, returning early (within 50 ms) once {@code stopped} says so: the
     * user ended the call.
     */
    public void play(RecordedCall call, Consumer<TranscriptSegment> sink, java.util.function.BooleanSupplier stopped) {
        long start = speed > 0 ? nanoClock.getAsLong() : 0;
        for (RecordedCall.Item item : call.items()) {
            if (speed > 0) {
                long due = start + (long) (item.due() / speed * 1e9);
                long wait;
                while ((wait = due - nanoClock.getAsLong()) > 0) {
                    sleeper.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
                    if (Thread.currentThread().isInterrupted() || stopped.getAsBoolean()) return;
                }
            }
            if (Thread.currentThread().isInterrupted() || stopped.getAsBoolean()) return;
            sink.accept(item.segment());
        }
    }
}
