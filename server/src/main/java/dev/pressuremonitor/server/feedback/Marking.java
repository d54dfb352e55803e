package dev.pressuremonitor.server.feedback;

import dev.pressuremonitor.models.CallFeedback;
import dev.pressuremonitor.models.EventType;
import dev.pressuremonitor.models.FeedbackMark;
import dev.pressuremonitor.models.MarkRequest;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Who may mark which call, and what a mark holds. A rep marks their own calls (their viewer token); a manager (the
 * team's token) marks and reviews any call of the team; no one reaches across teams, and someone else's call looks
 * exactly like no call.
 */
public final class Marking {
    /** A mark the request cannot make; the message says what was wrong and what to do. */
    public static final class Refused extends Exception {
        public final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** More marks than any person makes on one call: a script flooding the table stops here. */
    static final int MAX_MARKS_PER_CALL = 1000;

    private final CallStore store;
    private final Clock clock;

    private final int maxMarksPerCall;

    public Marking(CallStore store, Clock clock) {
        this(store, clock, MAX_MARKS_PER_CALL);
    }

    Marking(CallStore store, Clock clock, int maxMarksPerCall) {
        this.store = store;
        this.clock = clock;
        this.maxMarksPerCall = maxMarksPerCall;
    }

    /** How {@code who} takes part in marking a call of {@code rep} of {@code team}; empty when not at all. */
    static Optional<FeedbackMark.Role> role(Principal who, String team, String rep) {
        if (who.isLocal()) return Optional.of(FeedbackMark.Role.MANAGER);
        if (who.kind() == Principal.Kind.TEAM && who.team().equals(team)) return Optional.of(FeedbackMark.Role.MANAGER);
        if (who.kind() == Principal.Kind.VIEWER && who.mayActAs(team, rep)) return Optional.of(FeedbackMark.Role.REP);
        return Optional.empty();
    }

    /** Whether a token of this kind ever marks: agents send calls and operators read /metrics, nothing else. */
    static void mayMarkAtAll(Principal who) throws Refused {
        if (who.isLocal() || who.kind() == Principal.Kind.VIEWER || who.kind() == Principal.Kind.TEAM) return;
        throw new Refused(403, "an " + who.kind().name().toLowerCase(java.util.Locale.ROOT)
                + " token cannot mark calls: use the rep's viewer token (their own calls) or the team's token");
    }

    /** The call as {@code who} may see it, with its role; 404 for no call and for someone else's. */
    Seen see(Principal who, String callId) throws Refused, SQLException {
        mayMarkAtAll(who);
        Optional<CallStore.CallState> state = store.callState(callId);
        Optional<FeedbackMark.Role> role = state.flatMap(s -> role(who, s.team(), s.rep()));
        if (role.isEmpty()) throw new Refused(404, "no call '" + callId + "' that this token may see: open the report the agent printed, or your calls page");
        return new Seen(callId, state.get(), role.get());
    }

    record Seen(String callId, CallStore.CallState state, FeedbackMark.Role role) {}

    /** What the report page needs to mark the call. */
    public CallFeedback forCall(Principal who, String callId) throws Refused, SQLException {
        see(who, callId);
        KeptTranscript t = KeptTranscript.of(store.events(callId, EventType.TRANSCRIPT));
        double duration = store.summary(callId).map(s -> s.duration()).orElse(0.0);
        return new CallFeedback(callId, duration, t.kept(), store.feedback().moments(callId), t.lines(), store.feedback().forCall(callId));
    }

    /** Stores the mark {@code req} of {@code who} on the call, and returns it as stored. */
    public FeedbackMark mark(Principal who, String callId, MarkRequest req) throws Refused, SQLException {
        Seen seen = see(who, callId);
        if (store.feedback().count(callId) >= maxMarksPerCall) {
            throw new Refused(429, "call '" + callId + "' already has " + maxMarksPerCall + " marks, the most one call takes: a manager can review them on the team page");
        }
        KeptTranscript t = KeptTranscript.of(store.events(callId, EventType.TRANSCRIPT));
        FeedbackMark.Role role = seen.role();
        String by = role == FeedbackMark.Role.REP ? who.rep() : "manager";
        long now = clock.millis();
        FeedbackMark.Review review = role == FeedbackMark.Role.MANAGER ? FeedbackMark.Review.CONFIRMED : FeedbackMark.Review.PENDING;
        Long reviewedAt = role == FeedbackMark.Role.MANAGER ? now : null;
        String id = newId();
        String team = seen.state().team(), rep = seen.state().rep();
        FeedbackMark m;
        if (req.kind() != FeedbackMark.Kind.MISSED) {
            CallFeedback.Moment a = store.feedback().alert(callId, req.alert()).orElseThrow(() -> new Refused(404,
                    "call '" + callId + "' has no alert " + req.alert() + ": take the ids from GET /api/calls/" + callId + "/feedback"));
            String words = t.repWords(a.at(), a.end());
            m = new FeedbackMark(id, callId, team, rep, req.kind(), a.alert(), a.rule(), a.category(), a.phrase(), null, a.at(), a.end(),
                    words, words == null ? null : t.prospectBefore(a.at()), by, role, now, review, reviewedAt);
        } else if (req.line() != null) {
            CallFeedback.Line l = t.line(req.line()).orElseThrow(() -> new Refused(404, t.kept()
                    ? "call '" + callId + "' has no transcript line " + req.line() + ": take the ids from GET /api/calls/" + callId + "/feedback"
                    : "call '" + callId + "' kept no transcript, so it has no lines to mark: mark a stretch of the call with 'from' and 'to' instead"));
            if (l.speaker() != Speaker.REP) throw new Refused(400, "line " + req.line() + " is the prospect's: pressure is heard in the rep's words, so mark one of the rep's lines");
            m = new FeedbackMark(id, callId, team, rep, req.kind(), null, null, req.category(), null, l.line(), l.start(), l.end(),
                    l.text(), t.prospectBefore(l.start()), by, role, now, review, reviewedAt);
        } else {
            var ended = store.summary(callId).filter(s -> s.ended());
            if (ended.isPresent() && req.from() >= ended.get().duration()) {
                throw new Refused(400, "the call lasted " + dev.pressuremonitor.models.Clock.format(ended.get().duration())
                        + ": a stretch from " + dev.pressuremonitor.models.Clock.format(req.from()) + " starts after it ended");
            }
            String words = t.repWords(req.from(), req.to());
            m = new FeedbackMark(id, callId, team, rep, req.kind(), null, null, req.category(), null, null, req.from(), req.to(),
                    words, words == null ? null : t.prospectBefore(req.from()), by, role, now, review, reviewedAt);
        }
        return store.feedback().save(m);
    }

    /** A manager's review of a rep's mark on a call of the manager's team. */
    public FeedbackMark review(Principal who, String markId, FeedbackMark.Review review) throws Refused, SQLException {
        mayMarkAtAll(who);
        if (review == FeedbackMark.Review.PENDING) throw new Refused(400, "a review is 'confirmed' or 'rejected'");
        FeedbackMark m = store.feedback().find(markId).filter(f -> role(who, f.team(), f.rep()).isPresent())
                .orElseThrow(() -> new Refused(404, "no mark '" + markId + "' that this token may see: list them with GET /api/feedback"));
        if (role(who, m.team(), m.rep()).orElseThrow() != FeedbackMark.Role.MANAGER) {
            throw new Refused(403, "only a manager (the team's token) confirms or rejects marks; a rep can mark again to change their own");
        }
        store.feedback().review(markId, review, clock.millis());
        return store.feedback().find(m.id()).orElseThrow();
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    static String newId() {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
