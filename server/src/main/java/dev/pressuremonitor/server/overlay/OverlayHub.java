package dev.pressuremonitor.server.overlay;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans each rep's live events out to the overlays watching that rep, and keeps the rep's current call state so
 * that an overlay connecting mid-call (or a refreshed page) starts with the call, the gauge and the last nudges.
 */
public final class OverlayHub {
    /** Nudges a newly connected overlay gets back. */
    static final int RECENT_NUDGES = 5;

    private final Map<String, RepStream> reps = new ConcurrentHashMap<>();
    /** Whether overlays may watch a rep in any team: only on a local server without tokens (every token names its team). */
    private final boolean anyTeam;
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
    private final List<java.util.function.Consumer<String>> subscribeListeners = new CopyOnWriteArrayList<>();

    /** A hub whose overlays may also watch a rep in any team, as a local server's do. */
    public OverlayHub() {
        this(true);
    }

    /**
     * @param anyTeam false on a server with tokens: its overlays always name their team, so no event is kept or
     *                sent a second time for "this rep in any team"
     */
    public OverlayHub(boolean anyTeam) {
        this.anyTeam = anyTeam;
    }

    /** Called with the rep's name each time an overlay subscribes. */
    public void onSubscribe(java.util.function.Consumer<String> listener) {
        subscribeListeners.add(listener);
    }

    private static final class RepStream {
        final List<OverlaySubscriber> subscribers = new CopyOnWriteArrayList<>();
        final KeptFrame callStarted = new KeptFrame();
        final KeptFrame metrics = new KeptFrame();
        final KeptFrame callEnded = new KeptFrame();
        /** The last {@link #RECENT_NUDGES} nudges, the oldest at {@code (next - nudgeCount)}; arrays reused in turn. */
        final KeptFrame[] nudges = new KeptFrame[RECENT_NUDGES];
        int next;
        int nudgeCount;

        RepStream() {
            for (int i = 0; i < nudges.length; i++) nudges[i] = new KeptFrame();
        }

        void keepNudge(byte[] utf8) {
            nudges[next].keep(utf8);
            next = (next + 1) % nudges.length;
            nudgeCount = Math.min(nudgeCount + 1, nudges.length);
        }
    }

    /**
     * A rep is a person of a team: ana of apac is not ana of emea. Streams are keyed by both; a null team is "this
     * rep in any team", for a local server without tokens whose overlay address names only the rep.
     */
    static String stream(String team, String rep) {
        return (team == null ? "*" : team) + "/" + rep;
    }

    /** As {@link #subscribe(String, String, OverlaySubscriber)} for this rep in any team: a local server only. */
    public void subscribe(String rep, OverlaySubscriber s) {
        subscribe(null, rep, s);
    }

    /** Adds a subscriber to {@code rep} of {@code team} (null: any team) and sends it the rep's current state first. */
    public void subscribe(String team, String rep, OverlaySubscriber s) {
        if (team == null && !anyTeam) throw new IllegalArgumentException("an overlay of a server with tokens watches a rep of one team: name the team");
        RepStream stream = reps.computeIfAbsent(stream(team, rep), r -> new RepStream());
        synchronized (stream) {
            for (byte[] utf8 : snapshot(stream)) s.send(utf8, false);
            stream.subscribers.add(s);
        }
        subscribeListeners.forEach(l -> l.accept(rep));
    }

    public void unsubscribe(String team, String rep, OverlaySubscriber s) {
        RepStream stream = reps.get(stream(team, rep));
        if (stream != null) stream.subscribers.remove(s);
    }

    /**
     * Publishes one ingested event of the call of {@code rep} of {@code team}, to its overlays and to any-team ones.
     *
     * @param utf8 the event as it came off the wire (UTF-8): forwarded as it is, never encoded again; not changed
     */
    public void publish(String team, String rep, Envelope envelope, byte[] utf8) {
        publishTo(stream(team, rep), envelope, utf8);
        if (anyTeam) publishTo(stream(null, rep), envelope, utf8);
    }

    private void publishTo(String key, Envelope envelope, byte[] utf8) {
        RepStream stream = reps.computeIfAbsent(key, r -> new RepStream());
        boolean coalescable = envelope.data() instanceof MetricsSnapshot;
        synchronized (stream) {
            remember(stream, envelope, utf8);
            for (OverlaySubscriber s : stream.subscribers) s.send(utf8, coalescable);
        }
    }

    /**
     * Picks up a call in progress that this server did not see start (it was restarted, or another server that
     * followed the call died): the stored events rebuild what a newly connected overlay gets, and overlays already
     * watching the rep get it now. A rep already in another call on this server keeps that call.
     */
    public void resume(String team, String rep, List<Envelope> stored) {
        if (stored.isEmpty() || !(stored.get(0).data() instanceof CallStarted)) return;
        resumeIn(stream(team, rep), stored);
        if (anyTeam) resumeIn(stream(null, rep), stored);
    }

    private void resumeIn(String key, List<Envelope> stored) {
        RepStream stream = reps.computeIfAbsent(key, r -> new RepStream());
        synchronized (stream) {
            if (!stream.callStarted.isEmpty() && stream.callEnded.isEmpty()) return;
            for (Envelope e : stored) remember(stream, e, EventCodec.encode(e).getBytes(StandardCharsets.UTF_8));
            List<byte[]> now = snapshot(stream);
            for (OverlaySubscriber s : stream.subscribers) for (byte[] utf8 : now) s.send(utf8, false);
        }
    }

    /**
     * Keeps what a newly connected overlay gets (the call's start, the latest gauge, the last nudges, the end), in
     * arrays reused event after event ({@link KeptFrame}: why); other events are not kept.
     */
    private static void remember(RepStream stream, Envelope envelope, byte[] utf8) {
        var data = envelope.data();
        if (data instanceof CallStarted) {
            stream.callStarted.keep(utf8);
            stream.metrics.clear();
            stream.callEnded.clear();
            stream.nudgeCount = 0;
        } else if (data instanceof MetricsSnapshot) {
            stream.metrics.keep(utf8);
        } else if (data instanceof Alert a && a.nudge()) {
            stream.keepNudge(utf8);
        } else if (data instanceof CallEnded) {
            stream.callEnded.keep(utf8);
        }
    }

    private static List<byte[]> snapshot(RepStream stream) {
        List<byte[]> out = new ArrayList<>();
        if (stream.callStarted.isEmpty()) return out;
        out.add(stream.callStarted.utf8());
        for (int i = stream.nudgeCount; i > 0; i--) out.add(stream.nudges[(stream.next - i + RECENT_NUDGES) % RECENT_NUDGES].utf8());
        if (!stream.metrics.isEmpty()) out.add(stream.metrics.utf8());
        if (!stream.callEnded.isEmpty()) out.add(stream.callEnded.utf8());
        return out;
    }

    /** A slow overlay lost {@code n} messages (over its backlog, or superseded metrics). */
    public void dropped(long n) {
        dropped.addAndGet(n);
    }

    /** Messages slow overlays never got, since this server started. */
    public long dropped() {
        return dropped.get();
    }

    /** Reps' streams kept (one per rep and team, and one per rep for any team where overlays may watch that). */
    int streams() {
        return reps.size();
    }

    public int subscribers() {
        int n = 0;
        for (RepStream s : reps.values()) n += s.subscribers.size();
        return n;
    }
}
