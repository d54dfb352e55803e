package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes agent events as they arrive on the wire, checks them, shows them to the overlays at once, and
 * acknowledges each only once it is durably stored. Idempotent on (callId, seq): an event the server already
 * has is acknowledged again and changes nothing, so agents resend freely after a reconnect or a server restart.
 * No sockets here, so tests drive it directly.
 */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final OverlayHub overlays;
    private final CallStore store;
    private final TeamMetrics metrics;
    private final Map<String, CallRecord> calls = new ConcurrentHashMap<>();
    /**
     * The same records by person (team and rep): a new call's limit check looks at that person's calls, not at every
     * call the server follows (which, with a thousand calls starting at once, was a million checks on a network thread).
     */
    private final Map<String, Set<CallRecord>> byPerson = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** Calls the store held open when this server started that no agent has sent to it since. */
    private final java.util.Set<String> dormant = ConcurrentHashMap.newKeySet();

    /**
     * Events waiting for the store at which it counts as behind: agents then wait for their events to be stored
     * before sending more. About 4 MB of events in memory, some eight batches.
     */
    static final int STORE_BEHIND_AT = 4_000;
    private volatile int storeBehindAt = STORE_BEHIND_AT;

    private final dev.pressuremonitor.server.ServerConfig.Limits limits;
    private final java.util.function.LongSupplier clock;

    public IngestService(OverlayHub overlays, CallStore store, TeamMetrics metrics) {
        this(overlays, store, metrics, dev.pressuremonitor.server.ServerConfig.Limits.defaults());
    }

    public IngestService(OverlayHub overlays, CallStore store, TeamMetrics metrics, dev.pressuremonitor.server.ServerConfig.Limits limits) {
        this(overlays, store, metrics, limits, System::currentTimeMillis);
    }

    /** @param clock wall-clock milliseconds: when an agent was last heard from, when an alert arrived (tests move it) */
    IngestService(OverlayHub overlays, CallStore store, TeamMetrics metrics, dev.pressuremonitor.server.ServerConfig.Limits limits,
                  java.util.function.LongSupplier clock) {
        this.overlays = overlays;
        this.store = store;
        this.metrics = metrics;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Whether the store has more events waiting than it should: memory then grows with every event an agent sends
     * faster than the disk takes them, so agents are made to wait (each connection reads its next event once its
     * last ones are stored: {@link AgentFrameHandler}), and the events wait in the agents' outboxes instead.
     */
    public boolean storeIsBehind() {
        return store.waiting() >= storeBehindAt;
    }

    /** For tests: the store counts as behind from this many waiting events (0: always). */
    void storeBehindAt(int waiting) {
        storeBehindAt = waiting;
    }

    /** As {@link #ingest(String, Principal)} for a local, unauthenticated server. */
    public CompletableFuture<AgentReply> ingest(String text) {
        return ingest(text, Principal.LOCAL);
    }

    /**
     * One text frame from an agent speaking for {@code who}; the reply (once stored, or at once if refused) says
     * whether it was taken.
     */
    public CompletableFuture<AgentReply> ingest(String text, Principal who) {
        long received = System.nanoTime();
        EventCodec.Decoded event;
        try {
            event = EventCodec.decodeKeepingPayload(text);
        } catch (DecodeException e) {
            return refused(text, e);
        }
        return ingest(event, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), received, who);
    }

    /**
     * As {@link #ingest(String, Principal)} for a frame's bytes as they came off the wire (valid UTF-8: the WebSocket
     * decoder checked): read from the bytes, and forwarded to the overlays as those same bytes. No String of the
     * whole frame is made, nor encoded again per overlay.
     */
    public CompletableFuture<AgentReply> ingest(byte[] utf8, Principal who) {
        long received = System.nanoTime();
        EventCodec.Decoded event;
        try {
            event = EventCodec.decodeKeepingPayload(utf8);
        } catch (DecodeException e) {
            return refused(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), e);
        }
        return ingest(event, utf8, received, who);
    }

    private CompletableFuture<AgentReply> refused(String text, DecodeException e) {
        rejected.incrementAndGet();
        // which event it was, where that can be read: its agent then knows it was refused and stops sending it
        com.fasterxml.jackson.databind.JsonNode n = readableOrNull(text);
        String callId = n != null && n.path("callId").isTextual() ? n.get("callId").textValue() : null;
        long seq = callId != null && n.path("seq").canConvertToExactIntegral() && n.get("seq").canConvertToLong() ? n.get("seq").longValue() : 0;
        return CompletableFuture.completedFuture(AgentReply.error(callId, seq, "bad event: " + e.getMessage()));
    }

    private static com.fasterxml.jackson.databind.JsonNode readableOrNull(String text) {
        try {
            return dev.pressuremonitor.models.Json.readTree(text);
        } catch (DecodeException unreadable) {
            return null;
        }
    }

    /** One event already decoded, {@code json} being its text (what overlays get). */
    public CompletableFuture<AgentReply> ingest(Envelope env, String json, long receivedNanos, Principal who) {
        return ingest(EventCodec.Decoded.withoutPayload(env), json.getBytes(java.nio.charset.StandardCharsets.UTF_8), receivedNanos, who);
    }

    /** The payload's text as it arrived, where the decoding kept it, is what the store keeps: not encoded again. */
    private CompletableFuture<AgentReply> ingest(EventCodec.Decoded event, byte[] json, long receivedNanos, Principal who) {
        Envelope env = event.envelope();
        String callId = env.callId();
        if (env.data() instanceof CallStarted started && !who.isLocal()) {
            if (!who.rep().equals(started.rep()) || !who.team().equals(started.team())) {
                rejected.incrementAndGet();
                return done(AgentReply.error(callId, env.seq(), "this token speaks for rep '" + who.rep() + "' of team '" + who.team()
                        + "': it cannot start a call for rep '" + started.rep() + "' of team '" + started.team() + "'"));
            }
        }
        CallRecord call;
        try {
            call = record(env);
        } catch (LimitException e) {
            rejected.incrementAndGet();
            metrics.refused("open-calls");
            return done(AgentReply.error(callId, env.seq(), e.getMessage()));
        } catch (SQLException e) {
            log.error("cannot read call {}: {}", callId, e.getMessage());
            return CompletableFuture.completedFuture(AgentReply.retry(callId, env.seq(), "the server cannot read its database right now"));
        }
        if (call == null) {
            rejected.incrementAndGet();
            return CompletableFuture.completedFuture(AgentReply.error(callId, env.seq(), "unknown call '" + callId + "': send call_started first"));
        }
        if (!who.mayActAs(call.team, call.rep)) {
            rejected.incrementAndGet();
            return done(AgentReply.error(callId, env.seq(), "call '" + callId + "' belongs to another rep: this token cannot send its events"));
        }
        if (env.data() instanceof CallStarted started && (!call.rep.equals(started.rep()) || !call.team.equals(started.team()))) {
            rejected.incrementAndGet();
            return CompletableFuture.completedFuture(AgentReply.error(callId, env.seq(),
                    "call '" + callId + "' already belongs to another rep: start a new call with a fresh callId"));
        }
        call.lastHeard = clock.getAsLong();
        call.lastEventTs = Math.max(call.lastEventTs, env.ts());
        synchronized (call) {
            if (call.ended() && env.seq() > call.endSeq && env.data() instanceof CallEnded) {
                // ending an ended call (an agent back after the server closed its call) changes nothing
                return done(AgentReply.ack(callId, env.seq()));
            }
            if (call.ended() && env.seq() > call.endSeq) {
                rejected.incrementAndGet();
                return CompletableFuture.completedFuture(AgentReply.error(callId, env.seq(),
                        "call '" + callId + "' has ended: events after call_ended are not accepted"));
            }
            if (env.data() instanceof CallEnded && !call.ended()) call.endSeq = env.seq();
            // overlays see each event once, as soon as it arrives; storing it is the writer's business
            if (env.seq() > call.shownSeq) {
                call.shownSeq = env.seq();
                overlays.publish(call.team, call.rep, env, json);
            }
        }
        // every event goes through the store, resends too: the ack must mean "durable", and only the store knows
        return store.append(event).handle((stored, err) -> {
            if ((err != null || stored == CallStore.Stored.CONFLICT) && env.data() instanceof CallEnded) {
                synchronized (call) {
                    // the call was already closed at this seq (by the server, after silence): ending it again changes nothing
                    if (err == null && call.endStored && env.seq() == call.endSeq) return AgentReply.ack(callId, env.seq());
                    // a call_ended refused for its seq, or not stored, ends nothing: the call stays open until a
                    // resend is stored, or until it is closed after silence should its agent be gone
                    if (!call.endStored && env.seq() == call.endSeq) call.endSeq = 0;
                }
            }
            if (err != null) {
                return AgentReply.retry(callId, env.seq(), "could not store the event (" + err.getMessage() + "): resend it");
            }
            if (stored == CallStore.Stored.CONFLICT) {
                rejected.incrementAndGet();
                return AgentReply.error(callId, env.seq(), "seq " + env.seq() + " of call '" + callId
                        + "' was already used for a different event: nothing was changed; number each event once");
            }
            metrics.stored(receivedNanos, System.nanoTime());
            // once the store holds its call_ended (stored now or before), a call leaves memory; a late resend is
            // still recognised, through the store
            if (env.data() instanceof CallEnded) {
                synchronized (call) {
                    call.endStored = true;
                }
                forget(callId, call);
            }
            if (stored == CallStore.Stored.DUPLICATE) {
                duplicates.incrementAndGet();
                return AgentReply.ack(callId, env.seq());
            }
            accepted.incrementAndGet();
            if (env.data() instanceof Alert a) metrics.alert(a, call.team, call.rep, env.ts(), clock.getAsLong());
            return AgentReply.ack(callId, env.seq());
        });
    }

    /**
     * Takes note of the calls the store holds open, as a server does at start: their agents may never come back
     * (killed while this server was down), so they are closed like any silent call, counting from their last
     * stored event. An agent that does come back carries on as before. Returns how many.
     */
    public int watchStoredOpenCalls() throws SQLException {
        for (CallStore.OpenCall c : store.openCalls()) dormant.add(c.callId());
        return dormant.size();
    }

    /**
     * Closes the calls whose agent has not been heard from for {@code silence} (as of {@code nowMillis}), as the
     * agent would with call_ended "abandoned", one seq after the last it sent here or another server stored; completes,
     * once the store has answered, with how many were closed. Silence is also checked against the store's last event,
     * so a call another server on the same database still receives is left open. A close the store does not take is
     * tried again at the next check. Should the agent come back, what it had not delivered still fills the call, and
     * its own call_ended is acknowledged.
     */
    public CompletableFuture<Integer> closeSilentCalls(java.time.Duration silence, long nowMillis) {
        wakeSilentDormantCalls(silence, nowMillis);
        java.util.List<CompletableFuture<AgentReply>> closing = new java.util.ArrayList<>();
        for (var e : calls.entrySet()) {
            CallRecord call = e.getValue();
            if (nowMillis - call.lastHeard < silence.toMillis() || call.ended()) continue;
            Optional<CallStore.OpenCall> stored = silentInStore(e.getKey(), call, silence, nowMillis);
            if (stored.isEmpty()) continue;
            Envelope end;
            synchronized (call) {
                if (call.ended()) continue;
                double duration = Math.max(0, (call.lastEventTs - call.startedAt) / 1000.0);
                // after another server's events too: a seq already taken would be refused, and the call never closed
                long seq = Math.max(call.shownSeq, stored.get().lastSeq()) + 1;
                end = new Envelope(e.getKey(), seq, nowMillis, new CallEnded(duration, "abandoned"));
            }
            log.info("closing call {}: its agent has sent nothing for {}", e.getKey(), silence.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
            closing.add(ingest(end, EventCodec.encode(end), System.nanoTime(), Principal.LOCAL));
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                .thenApply(done -> (int) closing.stream().filter(r -> r.join().isAck()).count());
    }

    /** Dormant calls silent for long enough are taken over from the store, to be closed with the others. */
    private void wakeSilentDormantCalls(java.time.Duration silence, long nowMillis) {
        for (String id : dormant) {
            try {
                Optional<CallStore.OpenCall> open = calls.containsKey(id) ? Optional.empty() : store.openCall(id);
                if (open.isEmpty()) {
                    dormant.remove(id); // an agent came back, or the call ended (here or on another server)
                } else if (nowMillis - open.get().lastTs() >= silence.toMillis()) {
                    CallStore.OpenCall c = open.get();
                    takeOver(id, c.rep(), c.team(), c.startedAt(), c.lastSeq(), 0).lastHeard = c.lastTs();
                    dormant.remove(id);
                }
            } catch (SQLException e) {
                log.error("cannot check whether call {} is still open: {}; trying again later", id, e.getMessage());
            }
        }
    }

    /**
     * The call as the store holds it if the store agrees that it has been silent; empty if not: another server on the
     * same database may have received its events since (then this record is refreshed), or ended it (then it is
     * forgotten here), or the store cannot be read right now.
     */
    private Optional<CallStore.OpenCall> silentInStore(String callId, CallRecord call, java.time.Duration silence, long nowMillis) {
        try {
            Optional<CallStore.OpenCall> stored = store.openCall(callId);
            if (stored.isEmpty()) {
                forget(callId, call);
                return Optional.empty();
            }
            long lastTs = stored.get().lastTs();
            call.lastEventTs = Math.max(call.lastEventTs, lastTs);
            if (nowMillis - lastTs >= silence.toMillis()) return stored;
            call.lastHeard = Math.max(call.lastHeard, lastTs);
            return Optional.empty();
        } catch (SQLException e) {
            log.error("cannot check whether call {} is still open: {}; trying again later", callId, e.getMessage());
            return Optional.empty();
        }
    }

    private CallRecord record(Envelope env) throws SQLException {
        CallRecord known = calls.get(env.callId());
        if (known != null) return known;
        // a call_started this server has not seen is a new call unless the store says otherwise; any other event of
        // a call it does not know may belong to one another server started on the same database (it died, and its
        // reps were sent here): ask the database, and carry on from what it holds
        boolean ask = store.mayHave(env.callId()) || !(env.data() instanceof CallStarted);
        Optional<CallStore.CallState> stored = ask ? store.callState(env.callId()) : Optional.empty();
        if (stored.isPresent()) {
            CallStore.CallState s = stored.get();
            return takeOver(env.callId(), s.rep(), s.team(), s.startedAt(), s.lastSeq(), s.endSeq());
        }
        if (env.data() instanceof CallStarted started) {
            if (openCalls(started.team(), started.rep()) >= limits.openCallsPerRep() || serverFull()) {
                throw new LimitException(serverFull()
                        ? "the server already follows " + limits.openCalls() + " open calls: try again later"
                        : "rep '" + started.rep() + "' already has " + limits.openCallsPerRep() + " open calls: end one (send call_ended) before starting another");
            }
            return follow(env.callId(), new CallRecord(started.rep(), started.team(), started.startedAt(), 0, 0, clock.getAsLong()));
        }
        return null;
    }

    /**
     * A call this server had not followed, as the store holds it. An open call is followed from here on, its overlays
     * shown where it stands; an ended one only answers the event at hand: nothing can happen to it any more, and
     * following it would keep it in memory for good (no call_ended will come to forget it).
     */
    private CallRecord takeOver(String callId, String rep, String team, long startedAt, long lastSeq, long endSeq) throws SQLException {
        CallRecord taken = new CallRecord(rep, team, startedAt, lastSeq, endSeq, clock.getAsLong());
        if (taken.ended()) return taken;
        CallRecord kept = follow(callId, taken);
        if (kept != taken) return kept;
        overlays.resume(team, rep, store.events(callId));
        return taken;
    }

    /** Follows {@code call} under {@code callId} unless a record is already there; returns the one followed. */
    private CallRecord follow(String callId, CallRecord call) {
        CallRecord kept = calls.putIfAbsent(callId, call);
        if (kept != null) return kept;
        byPerson.computeIfAbsent(person(call.team, call.rep), k -> ConcurrentHashMap.newKeySet()).add(call);
        return call;
    }

    private void forget(String callId, CallRecord call) {
        if (!calls.remove(callId, call)) return;
        byPerson.computeIfPresent(person(call.team, call.rep), (k, mine) -> {
            mine.remove(call);
            return mine.isEmpty() ? null : mine;
        });
    }

    private static String person(String team, String rep) {
        return team + '/' + rep;
    }

    /** Open calls of one person: a rep of a team. Only that person's calls are looked at, not the server's. */
    private long openCalls(String team, String rep) {
        Set<CallRecord> mine = byPerson.get(person(team, rep));
        return mine == null ? 0 : mine.stream().filter(c -> !c.ended()).count();
    }

    /**
     * Whether the server follows as many open calls as it may. Counting them means looking at each; the records
     * (open calls and ended ones on their way out) are fewer than the limit almost always, and then it is not full.
     */
    private boolean serverFull() {
        return calls.size() >= limits.openCalls() && calls.values().stream().filter(c -> !c.ended()).count() >= limits.openCalls();
    }

    /** A new call would pass a limit on open calls. */
    static final class LimitException extends RuntimeException {
        LimitException(String message) {
            super(message);
        }
    }

    private static CompletableFuture<AgentReply> done(AgentReply r) {
        return CompletableFuture.completedFuture(r);
    }

    public long accepted() {
        return accepted.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** How many calls this server holds in memory (open ones, and ended ones until their call_ended is stored). */
    int followed() {
        return calls.size();
    }
}
