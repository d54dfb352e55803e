package dev.pressuremonitor.agent.call;

import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.TranscriptSegment;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One call on the agent: takes transcript segments (live from Vosk or replayed), runs them through the
 * detector, and turns what it finds into numbered envelopes for the publisher. Transcript text stays on the
 * machine unless {@code sendTranscript} is set. Not thread-safe: feed it from one thread.
 */
public final class LiveCall {
    /** Metrics go out at most this often (call seconds), plus right after every alert. */
    static final double METRICS_EVERY = 1.0;

    private final String callId;
    private final Detector detector;
    private final Consumer<Envelope> out;
    private final LongSupplier wallClock;
    private final boolean sendTranscript;
    private long seq;
    private double lastMetricsAt = -METRICS_EVERY;
    private boolean ended;

    public LiveCall(String callId, String rep, String team, Detector detector, boolean prospectChannel,
                    boolean sendTranscript, Consumer<Envelope> out, LongSupplier wallClock) {
        this.callId = callId;
        this.detector = detector;
        this.out = out;
        this.wallClock = wallClock;
        this.sendTranscript = sendTranscript;
        emit(new CallStarted(rep, team, wallClock.getAsLong(), prospectChannel));
    }

    public static String newCallId() {
        return UUID.randomUUID().toString();
    }

    public String callId() {
        return callId;
    }

    public void accept(TranscriptSegment segment) {
        if (ended) throw new IllegalStateException("call " + callId + " has ended");
        if (sendTranscript && segment.isFinal() && !segment.words().isEmpty()) emit(segment);
        List<Event> found = detector.accept(segment);
        boolean alerted = false;
        for (Event e : found) {
            emit(e);
            alerted |= e instanceof Alert;
        }
        double now = detector.now();
        if (alerted || (segment.isFinal() && now - lastMetricsAt >= METRICS_EVERY)) {
            emit(detector.snapshot(now));
            lastMetricsAt = now;
        }
    }

    public void end(String reason) {
        if (ended) return;
        emit(detector.snapshot());
        emit(new CallEnded(detector.now(), reason));
        ended = true;
    }

    private void emit(Event e) {
        out.accept(new Envelope(callId, ++seq, wallClock.getAsLong(), e));
    }
}
