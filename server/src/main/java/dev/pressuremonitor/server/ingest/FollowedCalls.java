package dev.pressuremonitor.server.ingest;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls this server follows, one {@link CallRecord} each: found, taken over from the store or started within
 * the limits on open calls, and forgotten once their call_ended is stored. Also the calls the store held open when
 * the server started, until their agents come back or they are closed for silence. Thread-safe: the network
 * threads, the store's writer and the housekeeper all use it.
 */
final class FollowedCalls {
    private static final Logger log = LoggerFactory.getLogger(FollowedCalls.class);

    private final OverlayHub overlays;
    private final CallStore store;
    private final dev.pressuremonitor.server.ServerConfig.Limits limits;
    private final java.util.function.LongSupplier clock;
    private final Map<String, CallRecord> calls = new ConcurrentHashMap<>();
    /**
     * The same records by person (team and rep): a new call's limit check looks at that person's calls, not at every
     * call the server follows (which, with a thousand calls starting at once, was a million checks on a network thread).
     */
    private final Map<String, Set<CallRecord>> byPerson = new ConcurrentHashMap<>();
    /** Calls the store held open when this server started that no agent has sent to it since. */
    private final Set<String> dormant = ConcurrentHashMap.newKeySet();

    FollowedCalls(OverlayHub overlays, CallStore store, dev.pressuremonitor.server.ServerConfig.Limits limits,
                  java.util.function.LongSupplier clock) {
        this.overlays = overlays;
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** Takes note of the calls the store holds open; returns how many. */
    int watchStoredOpenCalls() throws SQLException {
        for (CallStore.OpenCall c : store.openCalls()) dormant.add(c.callId());
        return dormant.size();
    }

    /** The calls followed, by id (a live view). */
    Set<Map.Entry<String, CallRecord>> entries() {
        return calls.entrySet();
    }

    /** How many calls are followed (open ones, and ended ones until their call_ended is stored). */
    int size() {
        return calls.size();
    }

    /** Dormant calls silent for long enough are taken over from the store, to be closed with the others. */
    void wakeSilentDormantCalls(java.time.Duration silence, long nowMillis) {
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
    Optional<CallStore.OpenCall> silentInStore(String callId, CallRecord call, java.time.Duration silence, long nowMillis) {
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

    /**
     * The record of the event's call: followed already, taken over from the store (another server's, or one from
     * before a restart), or new for a call_started within the limits; null for an event of a call nobody started.
     *
     * @throws LimitException a new call would pass a limit on open calls
     */
    CallRecord record(Envelope env) throws SQLException {
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
    CallRecord takeOver(String callId, String rep, String team, long startedAt, long lastSeq, long endSeq) throws SQLException {
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

    /** Stops following {@code callId} if {@code call} is still its record. */
    void forget(String callId, CallRecord call) {
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
}
