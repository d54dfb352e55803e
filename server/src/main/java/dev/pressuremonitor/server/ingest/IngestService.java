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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
    private final FollowedCalls calls;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * Events waiting for the store at which it counts as behind: agents then wait for their events to be stored
     * before sending more. About 4 MB of events in memory, some eight batches.
     */
    static final int STORE_BEHIND_AT = 4_000;
    private volatile int storeBehindAt = STORE_BEHIND_AT;

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
        this.clock = clock;
        this.calls = new FollowedCalls(overlays, store, limits, clock);
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
            call = calls.record(env);
        } catch (FollowedCalls.LimitException e) {
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
                calls.forget(callId, call);
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
        return calls.watchStoredOpenCalls();
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
        calls.wakeSilentDormantCalls(silence, nowMillis);
        java.util.List<CompletableFuture<AgentReply>> closing = new java.util.ArrayList<>();
        for (var e : calls.entries()) {
            CallRecord call = e.getValue();
            if (nowMillis - call.lastHeard < silence.toMillis() || call.ended()) continue;
            Optional<CallStore.OpenCall> stored = calls.silentInStore(e.getKey(), call, silence, nowMillis);
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
