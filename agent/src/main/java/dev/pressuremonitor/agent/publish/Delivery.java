package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Which events go to the server and when, apart from the socket that carries them: each published event waits in the
 * outbox until the server answers for it; on a connection they go out oldest first in paced windows; one the server
 * asks to retry goes again after a pause; one it refuses is reported and not sent again; a new connection starts from
 * the first unanswered event. Plain logic on the client's event loop, which tests drive with their own clock.
 */
final class Delivery {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    /** A connection the handshake completed on: sends the frames and flushes. */
    interface Connection {
        void send(List<String> frames);
    }

    /** Runs a task on the same thread after a delay. */
    interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private final Outbox outbox;
    private final SendWindow window;
    private final long retryAfterNanos;
    private final Scheduler later;
    private final LongSupplier clock;
    private final Consumer<String> notices;
    private final Runnable allAnswered;
    private Connection connection;
    private boolean pumpScheduled;
    private volatile long notKept;
    private volatile int waiting;
    private final List<String> serverErrors = new CopyOnWriteArrayList<>();
    /** Per call, the first reason the server gave for refusing one of its events. */
    private final Map<String, String> refusedCalls = new ConcurrentHashMap<>();

    /**
     * @param perSecond    most events sent in a second, and most unanswered on the wire
     * @param retryAfter   how long an event the server asked to retry waits before it is sent again, in nanoseconds
     * @param clock        nanoseconds, as {@link System#nanoTime()}
     * @param notices      one-line messages for the user
     * @param allAnswered  told whenever nothing is left waiting
     */
    Delivery(Outbox outbox, int perSecond, long retryAfter, Scheduler later, LongSupplier clock, Consumer<String> notices,
             Runnable allAnswered) {
        this.outbox = outbox;
        this.window = new SendWindow(perSecond, perSecond);
        this.retryAfterNanos = retryAfter;
        this.later = later;
        this.clock = clock;
        this.notices = notices;
        this.allAnswered = allAnswered;
        this.waiting = outbox.size();
    }

    /** Keeps the event (on disk before anything is sent, for an outbox on disk) and sends it when the window allows. */
    void publish(Envelope envelope, String json) {
        if (!outbox.add(envelope, json)) {
            if (notKept++ == 0) {
                notices.accept("the server has been out of reach for a while and " + outbox.size()
                        + " events are waiting: newer events are not kept for it; nudges still show here");
            }
            return;
        }
        outbox.flush();
        waiting = outbox.size();
        pump();
    }

    /** A new connection: nothing of ours is on it, so everything waiting goes again, in order, from the first. */
    void connected(Connection c) {
        connection = c;
        window.reset(clock.getAsLong());
        pump();
    }

    void disconnected() {
        connection = null;
    }

    /** The server's answer to one event. */
    void reply(String text) {
        AgentReply reply;
        try {
            reply = AgentReply.parse(text);
        } catch (DecodeException e) {
            log.warn("server sent something that is not a reply ({}): ignoring it", e.getMessage());
            return;
        }
        if (reply.isRetry()) {
            // the server could not store it just now: keep it and send it again shortly
            Connection on = connection;
            later.schedule(() -> {
                if (connection != on) return; // a new connection resends it anyway
                window.resendLater(reply.callId(), reply.seq());
                pump();
            }, retryAfterNanos);
            return;
        }
        if (!reply.isAck()) {
            log.warn("server refused an event: {}", reply.message());
            serverErrors.add(reply.message());
            if (reply.callId() != null) {
                refusedCalls.putIfAbsent(reply.callId(), "event " + reply.seq() + ": "
                        + (reply.message() == null ? "no reason given" : reply.message()));
            }
        }
        if (reply.callId() == null) return;
        outbox.ack(reply.callId(), reply.seq());
        outbox.flush();
        window.answered(reply.callId(), reply.seq());
        waiting = outbox.size();
        if (waiting == 0) allAnswered.run();
        pump();
    }

    /** Sends what the window allows now, and comes back when this second's allowance is renewed. */
    private void pump() {
        Connection c = connection;
        if (c == null) return;
        long now = clock.getAsLong();
        List<Outbox.Item> next = window.next(outbox, now);
        if (!next.isEmpty()) c.send(next.stream().map(Outbox.Item::json).toList());
        long wait = window.pausedFor(now);
        if (wait > 0 && !pumpScheduled) {
            pumpScheduled = true;
            later.schedule(() -> {
                pumpScheduled = false;
                pump();
            }, wait);
        }
    }

    /** Events kept and not yet answered by the server (any thread). */
    int waiting() {
        return waiting;
    }

    /** Events that were not kept for the server because the outbox was full (any thread). */
    long notKept() {
        return notKept;
    }

    /** What the server said of each event it refused, in order (any thread). */
    List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    /** Why the server refused an event of {@code callId} for good (the first such event), or null (any thread). */
    String refusalOf(String callId) {
        return refusedCalls.get(callId);
    }
}
