package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Envelope;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Summaries of calls in progress, for viewers who open a report mid-call. Each call's events are read once and
 * then only the new ones; a summary younger than {@code fresh} is served as it is; one build per call at a time,
 * however many viewers ask. Only the few most recently viewed calls are kept.
 */
final class LiveSummaries {
    static final int MAX_CALLS = 8;

    private static final class Entry {
        final List<Envelope> events = new ArrayList<>();
        long lastSeq;
        CallSummary summary;
        long builtAt;
    }

    private final CallReader reader;
    private final SummaryBuilder builder;
    private final long freshNanos;
    private final AtomicLong eventsRead = new AtomicLong();
    private final Map<String, Entry> calls = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_CALLS;
        }
    };

    LiveSummaries(CallReader reader, SummaryBuilder builder, java.time.Duration fresh) {
        this.reader = reader;
        this.builder = builder;
        this.freshNanos = fresh.toNanos();
    }

    CallSummary summary(String callId) throws SQLException {
        Entry e;
        synchronized (calls) {
            e = calls.computeIfAbsent(callId, k -> new Entry());
        }
        synchronized (e) {
            long now = System.nanoTime();
            if (e.summary != null && now - e.builtAt < freshNanos) return e.summary;
            // a gap filled late sits below lastSeq: a call with gaps is read whole again
            boolean gaps = e.events.size() < e.lastSeq;
            List<Envelope> fresh = reader.eventsAfter(callId, gaps ? 0 : e.lastSeq);
            eventsRead.addAndGet(fresh.size());
            if (gaps) e.events.clear();
            if (!fresh.isEmpty() || e.summary == null) {
                e.events.addAll(fresh);
                for (Envelope f : fresh) e.lastSeq = Math.max(e.lastSeq, f.seq());
                e.summary = builder.build(callId, e.events);
            }
            e.builtAt = now;
            return e.summary;
        }
    }

    /** The call ended: its saved summary is what viewers get now. */
    void forget(String callId) {
        synchronized (calls) {
            calls.remove(callId);
        }
    }

    /** Events read from the database for live summaries so far. */
    long eventsRead() {
        return eventsRead.get();
    }
}
