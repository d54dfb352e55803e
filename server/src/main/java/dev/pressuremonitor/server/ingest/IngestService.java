package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.overlay.OverlayHub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes agent events as they arrive on the wire, checks them, and hands them on to the overlays. Idempotent on
 * (callId, seq): an event the server already has is acknowledged again and changes nothing, so an agent can
 * resend freely after a reconnect. Thread-safe; no sockets here, so tests drive it directly.
 */
public final class IngestService {
    private final OverlayHub overlays;
    private final Map<String, CallRecord> calls = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private static final class CallRecord {
        final String rep;
        long lastSeq;
        boolean ended;

        CallRecord(String rep) {
            this.rep = rep;
        }
    }

    public IngestService(OverlayHub overlays) {
        this.overlays = overlays;
    }

    /** One text frame from an agent; the reply says whether it was taken. */
    public AgentReply ingest(String text) {
        Envelope env;
        try {
            env = EventCodec.decode(text);
        } catch (DecodeException e) {
            rejected.incrementAndGet();
            return AgentReply.error(null, 0, "bad event: " + e.getMessage());
        }
        return ingest(env, text);
    }

    public AgentReply ingest(Envelope env, String json) {
        String callId = env.callId();
        CallRecord call;
        if (env.data() instanceof CallStarted started) {
            call = calls.computeIfAbsent(callId, id -> new CallRecord(started.rep()));
            if (!call.rep.equals(started.rep())) {
                rejected.incrementAndGet();
                return AgentReply.error(callId, env.seq(), "call '" + callId + "' already belongs to another rep: start a new call with a fresh callId");
            }
        } else {
            call = calls.get(callId);
            if (call == null) {
                rejected.incrementAndGet();
                return AgentReply.error(callId, env.seq(), "unknown call '" + callId + "': send call_started first");
            }
        }
        synchronized (call) {
            if (env.seq() <= call.lastSeq) {
                duplicates.incrementAndGet();
                return AgentReply.ack(callId, env.seq());
            }
            if (call.ended) {
                rejected.incrementAndGet();
                return AgentReply.error(callId, env.seq(), "call '" + callId + "' has ended: events after call_ended are not accepted");
            }
            call.lastSeq = env.seq();
            if (env.data() instanceof CallEnded) call.ended = true;
            overlays.publish(call.rep, env, json);
        }
        accepted.incrementAndGet();
        return AgentReply.ack(callId, env.seq());
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
