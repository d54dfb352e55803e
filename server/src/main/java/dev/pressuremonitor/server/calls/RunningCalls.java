package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TrustSignal;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Only what the writer stored as new since the call's {@code call_started} counts, so the events counted are a
 * subset of the stored ones: {@link #takeIfAll} gives them only when there are as many as the database holds, and
 * then they are the same events. Of those, only the kinds a summary reads are kept ({@link SummaryBuilder#reads});
 * the others (a transcript's words) are counted and let go. Otherwise (another server stored some, this one
 * restarted, a call too long to keep) the summary is read back from the database as before.
 *
 * <p>Bounded by an estimate of the heap it holds: {@link #MAX_CALL_BYTES} a call, {@link #MAX_BYTES} in all (an
 * alert about 64 bytes, the strings its call repeats kept once). A call past its bound is dropped; past the
 * total, the calls that started first are dropped, which also frees calls whose end this server never saw (another
 * server took them over). Thread-safe: the writer adds, the summaries' thread takes.
 */
final class RunningCalls {
    static final long MAX_CALL_BYTES = 512 * 1024;
    static final long MAX_BYTES = 12 * 1024 * 1024;
    /** An envelope and its event record, with the list's slot: the estimate of a kept event beyond its new strings. */
    static final int EVENT_BYTES = 128;
    /** An alert's row in its call's columns (44 bytes), with room the arrays keep for growing. */
    static final int ALERT_BYTES = 64;

    private final long maxCallBytes;
    private final long maxBytes;
    /** In the order the calls started: the first dropped when the total is reached. */
    private final LinkedHashMap<String, Kept> calls = new LinkedHashMap<>();
    private long bytes;

    /**
     * One call's events, and the strings and values they repeat, kept once. Alerts, the kind a call has most of, are
     * kept in columns of primitive arrays rather than an envelope and a record apiece: a third of the heap, and
     * nothing for the collector to trace, since they live as long as the call and so end in the old generation.
     */
    private static final class Kept {
        final String callId;
        /** Kept events of the other kinds, as stored. */
        final List<Envelope> others = new ArrayList<>();
        int alerts;
        long[] seq = new long[4];
        long[] ts = new long[4];
        double[] start = new double[4];
        double[] end = new double[4];
        /** Category, severity and speaker (ordinal + 1, 0 for none) and the nudge flag, a byte each. */
        int[] flags = new int[4];
        /** Where the rule, the phrase and the reframe are in {@link #values}, 21 bits each (the call's bound keeps it to thousands). */
        long[] refs = new long[4];
        /** The strings and values the call's events repeat, each kept once, and where each is in the list. */
        final List<Object> values = new ArrayList<>();
        final Map<Object, Integer> index = new HashMap<>();
        /** Stored events of kinds no summary reads: counted, not kept. */
        long unread;
        long bytes;

        Kept(String callId) {
            this.callId = callId;
            this.bytes = EVENT_BYTES + estimate(callId);
        }

        /** The value as kept: the first one equal to it this call stored. */
        @SuppressWarnings("unchecked")
        <T> T once(T value) {
            return value == null ? null : (T) values.get((int) ref(value));
        }

        /** Where {@code value} is in {@link #values}, added the first time it comes. */
        long ref(Object value) {
            Integer at = index.get(value);
            if (at == null) {
                at = values.size();
                values.add(value);
                index.put(value, at);
                bytes += estimate(value) + 48;
            }
            return at;
        }

        int count() {
            return others.size() + alerts;
        }

        /** Keeps the event: an alert in the columns, any other kind with its repeated parts shared. */
        void keep(Envelope e) {
            var data = e.data();
            if (data instanceof Alert a) {
                if (alerts == seq.length) grow();
                int i = alerts++;
                seq[i] = e.seq();
                ts[i] = e.ts();
                start[i] = a.start();
                end[i] = a.end();
                flags[i] = ordinal(a.category()) | ordinal(a.severity()) << 8 | ordinal(a.speaker()) << 16 | (a.nudge() ? 1 << 24 : 0);
                refs[i] = ref(a.rule()) | ref(a.phrase()) << 21 | ref(a.reframe()) << 42;
                bytes += ALERT_BYTES;
                return;
            }
            if (data instanceof TrustSignal t) {
                data = new TrustSignal(once(t.rule()), once(t.phrase()), t.start(), t.end());
            } else if (data instanceof MetricsSnapshot m) {
                data = new MetricsSnapshot(m.at(), m.repTalkShare(), m.currentMonologue(), m.longestMonologue(), m.longestMonologueAt(),
                        m.wordsPerMinute(), m.openQuestions(), m.closedQuestions(), m.interruptions(), m.lastObjectionPause(),
                        m.pressureIndex(), once(m.warnings()));
            } else {
                bytes += estimate(data);
            }
            bytes += EVENT_BYTES;
            others.add(new Envelope(callId, e.seq(), e.ts(), data));
        }

        private void grow() {
            int n = seq.length * 2;
            seq = Arrays.copyOf(seq, n);
            ts = Arrays.copyOf(ts, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            flags = Arrays.copyOf(flags, n);
            refs = Arrays.copyOf(refs, n);
        }

        /** The kept events: the other kinds as stored, then the alerts, each the same values it was stored with. */
        List<Envelope> events() {
            List<Envelope> out = new ArrayList<>(count());
            out.addAll(others);
            for (int i = 0; i < alerts; i++) {
                int f = flags[i];
                long r = refs[i];
                out.add(new Envelope(callId, seq[i], ts[i], new Alert(
                        value(CATEGORIES, f & 0xff), (String) values.get((int) (r & MASK)), (String) values.get((int) (r >>> 21 & MASK)),
                        value(SEVERITIES, f >>> 8 & 0xff), value(SPEAKERS, f >>> 16 & 0xff), start[i], end[i], (f >>> 24 & 1) == 1,
                        (Reframe) values.get((int) (r >>> 42 & MASK)))));
            }
            return out;
        }
    }

    private static final long MASK = (1 << 21) - 1;
    private static final Category[] CATEGORIES = Category.values();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final Speaker[] SPEAKERS = Speaker.values();

    private static int ordinal(Enum<?> e) {
        return e == null ? 0 : e.ordinal() + 1;
    }

    private static <E> E value(E[] values, int ordinal) {
        return ordinal == 0 ? null : values[ordinal - 1];
    }

    /** Roughly what {@code value} holds on the heap, its strings at two bytes a character (never less than it is). */
    static long estimate(Object value) {
        if (value instanceof String s) return 48 + 2L * s.length();
        if (value instanceof Reframe r) return 32 + estimate(r.shift()) + estimate(r.trust()) + estimate(r.ask());
        if (value instanceof List<?> l) {
            long n = 32 + 8L * l.size();
            for (Object o : l) n += estimate(o);
            return n;
        }
        if (value instanceof CallStarted s) return 48 + estimate(s.rep()) + estimate(s.team());
        if (value instanceof dev.pressuremonitor.models.CallEnded c) return 32 + estimate(c.reason());
        return 32;
    }

    RunningCalls() {
        this(MAX_CALL_BYTES, MAX_BYTES);
    }

    RunningCalls(long maxCallBytes, long maxBytes) {
        this.maxCallBytes = maxCallBytes;
        this.maxBytes = maxBytes;
    }

    /** The writer stored {@code e} as a new event (not a resend): a call_started begins keeping its call. */
    synchronized void stored(Envelope e) {
        Kept kept = calls.get(e.callId());
        if (kept == null) {
            if (!(e.data() instanceof CallStarted)) return;
            kept = new Kept(e.callId());
            calls.put(e.callId(), kept);
            bytes += kept.bytes;
        }
        if (!SummaryBuilder.reads(e.data())) {
            kept.unread++;
            return;
        }
        long before = kept.bytes;
        kept.keep(e);
        bytes += kept.bytes - before;
        if (kept.bytes > maxCallBytes) drop(e.callId());
        for (Iterator<Map.Entry<String, Kept>> first = calls.entrySet().iterator(); bytes > maxBytes && first.hasNext(); ) {
            bytes -= first.next().getValue().bytes;
            first.remove();
        }
    }

    /**
     * The call's events as kept, if this server stored all {@code storedCount} the database holds for it (then they
     * are those events, but for kinds no summary reads), or null; either way the call is no longer kept.
     */
    synchronized List<Envelope> takeIfAll(String callId, long storedCount) {
        Kept kept = drop(callId);
        return kept != null && kept.count() + kept.unread == storedCount ? kept.events() : null;
    }

    private Kept drop(String callId) {
        Kept kept = calls.remove(callId);
        if (kept != null) bytes -= kept.bytes;
        return kept;
    }

    /** The estimated heap held now, over all calls. */
    synchronized long bytes() {
        return bytes;
    }

    /** Calls kept now. */
    synchronized int calls() {
        return calls.size();
    }
}
