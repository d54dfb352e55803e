package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
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
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private static final class CallRecord {
        final String rep;
        final String team;
        long lastSeq;
        boolean ended;

        CallRecord(String rep, String team, long lastSeq, boolean ended) {
            this.rep = rep;
            this.team = team;
            this.lastSeq = lastSeq;
            this.ended = ended;
        }
    }

    public IngestService(OverlayHub overlays, CallStore store, TeamMetrics metrics) {
        this.overlays = overlays;
        this.store = store;
        this.metrics = metrics;
    }

    /** One text frame from an agent; the reply (once stored, or at once if refused) says whether it was taken. */
    public CompletableFuture<AgentReply> ingest(String text) {
        long received = System.nanoTime();
        Envelope env;
        try {
            env = EventCodec.decode(text);
        } catch (DecodeException e) {
            rejected.incrementAndGet();
            return CompletableFuture.completedFuture(AgentReply.error(null, 0, "bad event: " + e.getMessage()));
        }
        return ingest(env, text, received);
    }

    public CompletableFuture<AgentReply> ingest(Envelope env, String json, long receivedNanos) {
        String callId = env.callId();
        CallRecord call;
        try {
            call = record(env);
        } catch (SQLException e) {
            log.error("cannot read call {}: {}", callId, e.getMessage());
            return CompletableFuture.completedFuture(AgentReply.retry(callId, env.seq(), "the server cannot read its database right now"));
        }
        if (call == null) {
            rejected.incrementAndGet();
            return CompletableFuture.completedFuture(AgentReply.error(callId, env.seq(), "unknown call '" + callId + "': send call_started first"));
        }
        if (env.data() instanceof CallStarted started && !call.rep.equals(started.rep())) {
            rejected.incrementAndGet();
            return CompletableFuture.completedFuture(AgentReply.error(callId, env.seq(),
                    "call '" + callId + "' already belongs to another rep: start a new call with a fresh callId"));
        }
        boolean duplicate;
        synchronized (call) {
            duplicate = env.seq() <= call.lastSeq;
            if (!duplicate) {
                if (call.ended) {
                    rejected.incrementAndGet();
                    return CompletableFuture.completedFuture(AgentReply.error(callId, env.seq(),
                            "call '" + callId + "' has ended: events after call_ended are not accepted"));
                }
                call.lastSeq = env.seq();
                if (env.data() instanceof CallEnded) call.ended = true;
                overlays.publish(call.rep, env, json);
            }
        }
        if (duplicate) {
            duplicates.incrementAndGet();
        } else {
            accepted.incrementAndGet();
            if (env.data() instanceof Alert a) metrics.alert(a, call.team, call.rep, env.ts(), System.currentTimeMillis());
        }
        // duplicates go through the store too: the ack must mean "durable", and the first copy may still be queued
        return store.append(env, json).handle((fresh, err) -> {
            if (err != null) {
                synchronized (call) {
                    if (call.lastSeq >= env.seq()) call.lastSeq = env.seq() - 1;
                }
                return AgentReply.retry(callId, env.seq(), "could not store the event (" + err.getMessage() + "): resend it");
            }
            metrics.stored(receivedNanos, System.nanoTime());
            return AgentReply.ack(callId, env.seq());
        });
    }

    private CallRecord record(Envelope env) throws SQLException {
        CallRecord known = calls.get(env.callId());
        if (known != null) return known;
        Optional<CallStore.CallState> stored = store.callState(env.callId());
        if (stored.isPresent()) {
            CallStore.CallState s = stored.get();
            return calls.computeIfAbsent(env.callId(), id -> new CallRecord(s.rep(), s.team(), s.lastSeq(), s.ended()));
        }
        if (env.data() instanceof CallStarted started) {
            return calls.computeIfAbsent(env.callId(), id -> new CallRecord(started.rep(), started.team(), 0, false));
        }
        return null;
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
}
