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

    private final Map<Key, RepStream> reps = new ConcurrentHashMap<>();
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
        /** A team's stream: what a newly connected overlay gets. Null in an any-team stream, which shows its {@link #source}'s. */
        final Kept kept;
        /** An any-team stream's: the rep's team stream that published last (guarded by this stream); null until one has. */
        RepStream source;

        RepStream(boolean team) {
            kept = team ? new Kept() : null;
        }

        /** The stream whose kept call an overlay of this one gets: itself, or for any team the team that spoke last. */
        RepStream shown() {
            return kept != null || source == null ? this : source;
        }
    }

    /** One call's state kept for the snapshot, in arrays reused event after event ({@link KeptFrame}: why). */
    private static final class Kept {
        final KeptFrame callStarted = new KeptFrame();
        final KeptFrame metrics = new KeptFrame();
        final KeptFrame callEnded = new KeptFrame();
        /** The last {@link #RECENT_NUDGES} nudges, the oldest at {@code (next - nudgeCount)}; arrays reused in turn. */
        final KeptFrame[] nudges = new KeptFrame[RECENT_NUDGES];
        int next;
        int nudgeCount;

        Kept() {
            for (int i = 0; i < nudges.length; i++) nudges[i] = new KeptFrame();
        }

        void keepNudge(byte[] utf8) {
            nudges[next].keep(utf8);
            next = (next + 1) % nudges.length;
            nudgeCount = Math.min(nudgeCount + 1, nudges.length);
        }

        boolean inCall() {
            return !callStarted.isEmpty() && callEnded.isEmpty();
        }
    }

    /** A rep is a person of a team: ana of apac is not ana of emea. A null team is "this rep in any team", for a local server. */
    private record Key(String team, String rep) {}

    private RepStream stream(String team, String rep) {
        return reps.computeIfAbsent(new Key(team, rep), k -> new RepStream(k.team() != null));
    }

    /** The stream of a call's rep under its team (a call always has one). */
    private RepStream teamStream(String team, String rep) {
        return stream(java.util.Objects.requireNonNull(team, "a call's events belong to its team: team is null"), rep);
    }

    /** As {@link #subscribe(String, String, OverlaySubscriber)} for this rep in any team: a local server only. */
    public void subscribe(String rep, OverlaySubscriber s) {
        subscribe(null, rep, s);
    }

    /** Adds a subscriber to {@code rep} of {@code team} (null: any team) and sends it the rep's current state first. */
    public void subscribe(String team, String rep, OverlaySubscriber s) {
        if (team == null && !anyTeam) throw new IllegalArgumentException("an overlay of a server with tokens watches a rep of one team: name the team");
        RepStream stream = stream(team, rep);
        synchronized (stream) {
            RepStream shown = stream.shown();
            List<byte[]> now;
            synchronized (shown) {
                now = snapshot(shown.kept);
            }
            for (byte[] utf8 : now) s.send(utf8, false);
            stream.subscribers.add(s);
        }
        subscribeListeners.forEach(l -> l.accept(rep));
    }

    public void unsubscribe(String team, String rep, OverlaySubscriber s) {
        RepStream stream = reps.get(new Key(team, rep));
        if (stream != null) stream.subscribers.remove(s);
    }

    /**
     * Publishes one ingested event of the call of {@code rep} of {@code team}, to its overlays and to any-team ones.
     * The event is kept once, under its team: an any-team stream shows the call of the team that last published
     * (it kept a copy of every event of its own before, twice the copies and the memory on a local server).
     * The any-team stream's lock is taken first, then the team's, here and in {@link #subscribe}, so an overlay
     * subscribing meanwhile gets each event once: in its snapshot or after it.
     *
     * @param team  the call's team (a call always has one)
     * @param utf8 the event as it came off the wire (UTF-8): forwarded as it is, never encoded again; not changed
     */
    public void publish(String team, String rep, Envelope envelope, byte[] utf8) {
        boolean coalescable = envelope.data() instanceof MetricsSnapshot;
        RepStream stream = teamStream(team, rep);
        if (!anyTeam) {
            synchronized (stream) {
                publishTo(stream, envelope, utf8, coalescable);
            }
            return;
        }
        RepStream any = stream(null, rep);
        synchronized (any) {
            synchronized (stream) {
                publishTo(stream, envelope, utf8, coalescable);
            }
            any.source = stream;
            for (OverlaySubscriber s : any.subscribers) s.send(utf8, coalescable);
        }
    }

    private static void publishTo(RepStream stream, Envelope envelope, byte[] utf8, boolean coalescable) {
        remember(stream.kept, envelope, utf8);
        for (OverlaySubscriber s : stream.subscribers) s.send(utf8, coalescable);
    }

    /**
     * Picks up a call in progress that this server did not see start (it was restarted, or another server that
     * followed the call died): the stored events rebuild what a newly connected overlay gets, and overlays already
     * watching the rep get it now. A rep already in another call on this server keeps that call.
     */
    public void resume(String team, String rep, List<Envelope> stored) {
        if (stored.isEmpty() || !(stored.get(0).data() instanceof CallStarted)) return;
        RepStream stream = teamStream(team, rep);
        if (!anyTeam) {
            synchronized (stream) {
                resumeIn(stream, stored);
            }
            return;
        }
        RepStream any = stream(null, rep);
        synchronized (any) {
            List<byte[]> now;
            synchronized (stream) {
                now = resumeIn(stream, stored);
                // the any-team view moves to this call unless it shows another team's call in progress
                if (now == null || (any.source != null && any.source != stream && any.source.kept.inCall())) return;
            }
            any.source = stream;
            for (OverlaySubscriber s : any.subscribers) for (byte[] utf8 : now) s.send(utf8, false);
        }
    }

    /** Rebuilds {@code stream}'s call from {@code stored} and sends it to its overlays; null (nothing done) if it is in a call. */
    private static List<byte[]> resumeIn(RepStream stream, List<Envelope> stored) {
        Kept kept = stream.kept;
        if (kept.inCall()) return null;
        for (Envelope e : stored) remember(kept, e, EventCodec.encode(e).getBytes(StandardCharsets.UTF_8));
        List<byte[]> now = snapshot(kept);
        for (OverlaySubscriber s : stream.subscribers) for (byte[] utf8 : now) s.send(utf8, false);
        return now;
    }

    /**
     * Keeps what a newly connected overlay gets (the call's start, the latest gauge, the last nudges, the end);
     * other events are not kept.
     */
    private static void remember(Kept kept, Envelope envelope, byte[] utf8) {
        var data = envelope.data();
        if (data instanceof CallStarted) {
            kept.callStarted.keep(utf8);
            kept.metrics.clear();
            kept.callEnded.clear();
            kept.nudgeCount = 0;
        } else if (data instanceof MetricsSnapshot) {
            kept.metrics.keep(utf8);
        } else if (data instanceof Alert a && a.nudge()) {
            kept.keepNudge(utf8);
        } else if (data instanceof CallEnded) {
            kept.callEnded.keep(utf8);
        }
    }

    private static List<byte[]> snapshot(Kept kept) {
        List<byte[]> out = new ArrayList<>();
        if (kept == null || kept.callStarted.isEmpty()) return out;
        out.add(kept.callStarted.utf8());
        for (int i = kept.nudgeCount; i > 0; i--) out.add(kept.nudges[(kept.next - i + RECENT_NUDGES) % RECENT_NUDGES].utf8());
        if (!kept.metrics.isEmpty()) out.add(kept.metrics.utf8());
        if (!kept.callEnded.isEmpty()) out.add(kept.callEnded.utf8());
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
