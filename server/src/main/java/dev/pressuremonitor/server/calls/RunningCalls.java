package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events this server stored for each call in progress, kept as the writer stores them, so that a call's
 * summary at its end is built from memory instead of reading every event of the call back from the database.
 * With a thousand calls ending together, reading them back was most of the summaries' work, in the first seconds
 * of the reps' next calls (BENCHMARKS.md).
 *
 * <p>Only what the writer stored as new since the call's {@code call_started} is kept, so the kept events are a
 * subset of the stored ones: {@link #take} gives them only when there are as many as the database holds, and then
 * they are the same events. Otherwise (another server stored some, this one restarted, a call too long to keep)
 * the summary is read from the database as before.
 *
 * <p>Bounded: at most {@link #MAX_PER_CALL} events of a call and {@link #MAX_EVENTS} in all (about 100 bytes each,
 * the strings an event repeats kept once per call). A call past its bound is dropped; past the total, the calls
 * that started first are dropped, which also frees calls whose end this server never saw (another server took them
 * over). Thread-safe: the writer adds, the summaries' thread takes.
 */
final class RunningCalls {
    static final int MAX_PER_CALL = 1_024;
    static final int MAX_EVENTS = 100_000;

    private final int maxPerCall;
    private final int maxEvents;
    /** In the order the calls started: the first dropped when the total is reached. */
    private final LinkedHashMap<String, Kept> calls = new LinkedHashMap<>();
    private int events;

    /** One call's events, and the strings and reframes they repeat, kept once. */
    private static final class Kept {
        final String callId;
        final List<Envelope> events = new ArrayList<>();
        final Map<Object, Object> shared = new HashMap<>();

        Kept(String callId) {
            this.callId = callId;
        }

        @SuppressWarnings("unchecked")
        <T> T once(T value) {
            Object kept = shared.putIfAbsent(value, value);
            return kept == null ? value : (T) kept;
        }

        /** The event as kept: the same event, its repeated parts shared with the call's other events. */
        Envelope compact(Envelope e) {
            var data = e.data();
            if (data instanceof Alert a) {
                data = new Alert(a.category(), once(a.rule()), once(a.phrase()), a.severity(), a.speaker(), a.start(), a.end(), a.nudge(), once(a.reframe()));
            }
            return new Envelope(callId, e.seq(), e.ts(), data);
        }
    }

    RunningCalls() {
        this(MAX_PER_CALL, MAX_EVENTS);
    }

    RunningCalls(int maxPerCall, int maxEvents) {
        this.maxPerCall = maxPerCall;
        this.maxEvents = maxEvents;
    }

    /** The writer stored {@code e} as a new event (not a resend): a call_started begins keeping its call. */
    synchronized void stored(Envelope e) {
        Kept kept = calls.get(e.callId());
        if (kept == null) {
            if (!(e.data() instanceof CallStarted)) return;
            kept = new Kept(e.callId());
            calls.put(e.callId(), kept);
        }
        if (kept.events.size() >= maxPerCall) {
            drop(e.callId());
            return;
        }
        kept.events.add(kept.compact(e));
        events++;
        for (Iterator<Map.Entry<String, Kept>> first = calls.entrySet().iterator(); events > maxEvents && first.hasNext(); ) {
            events -= first.next().getValue().events.size();
            first.remove();
        }
    }

    /**
     * The call's events if exactly {@code stored} are kept (then they are the stored ones), or null; either way the
     * call is no longer kept.
     */
    synchronized List<Envelope> take(String callId, long stored) {
        Kept kept = drop(callId);
        return kept != null && kept.events.size() == stored ? kept.events : null;
    }

    private Kept drop(String callId) {
        Kept kept = calls.remove(callId);
        if (kept != null) events -= kept.events.size();
        return kept;
    }

    /** Events kept now, over all calls. */
    synchronized int size() {
        return events;
    }
}
