package dev.pressuremonitor.server.feedback;

import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.FeedbackMark;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MarkRequest;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.calls.Params;
import dev.pressuremonitor.server.http.HttpApi;
import dev.pressuremonitor.server.team.TeamMetrics;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feedback on nudges over HTTP: {@code GET|POST /api/calls/{id}/feedback}, {@code GET /api/feedback},
 * {@code POST /api/feedback/{mark}/review}, {@code GET /api/feedback/export} and {@code GET /api/feedback/rates}.
 * The rules of who may do what are {@link Marking}'s; this class reads parameters and writes JSON.
 */
public final class FeedbackApi implements HttpApi {
    private static final Pattern CALL = Pattern.compile("/api/calls/([A-Za-z0-9._:-]{1,128})/feedback");
    private static final Pattern REVIEW = Pattern.compile("/api/feedback/([0-9a-f]{1,64})/review");
    /** Marks and rates look this far back unless asked otherwise. */
    static final Duration DEFAULT_PERIOD = Duration.ofDays(28);

    private final CallStore store;
    private final Marking marking;
    private final TeamMetrics metrics;
    private final Clock clock;

    public FeedbackApi(CallStore store, TeamMetrics metrics, Clock clock) {
        this.store = store;
        this.marking = new Marking(store, clock);
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Response handle(QueryStringDecoder uri, Principal who) throws Exception {
        String path = uri.path();
        Matcher call = CALL.matcher(path);
        try {
            if (call.matches()) return Response.json(HttpResponseStatus.OK, Json.write(marking.forCall(who, call.group(1))));
            return switch (path) {
                case "/api/feedback" -> Response.json(HttpResponseStatus.OK, Json.write(marks(uri, who)));
                case "/api/feedback/export" -> {
                    String team = managedTeam(uri, who);
                    yield Response.json(HttpResponseStatus.OK, Json.write(CorpusExport.of(team, store.feedback().forTeam(team, null, null, 0, Long.MAX_VALUE))));
                }
                case "/api/feedback/rates" -> {
                    String team = managedTeam(uri, who);
                    long[] p = period(uri);
                    yield Response.json(HttpResponseStatus.OK, Json.write(store.feedback().rates(team, p[0], p[1])));
                }
                default -> null;
            };
        } catch (Marking.Refused e) {
            return Response.error(HttpResponseStatus.valueOf(e.status), e.getMessage());
        } catch (Params.BadParam e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @Override
    public Response post(QueryStringDecoder uri, String body, Principal who) throws Exception {
        String path = uri.path();
        Matcher call = CALL.matcher(path);
        Matcher review = REVIEW.matcher(path);
        if (!call.matches() && !review.matches()) return null;
        try {
            if (call.matches()) {
                FeedbackMark m = marking.mark(who, call.group(1), MarkRequest.parse(body));
                metrics.marked(m);
                return Response.json(HttpResponseStatus.CREATED, Json.write(m));
            }
            return Response.json(HttpResponseStatus.OK, Json.write(marking.review(who, review.group(1), reviewOf(body))));
        } catch (DecodeException e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (Marking.Refused e) {
            return Response.error(HttpResponseStatus.valueOf(e.status), e.getMessage());
        }
    }

    private static FeedbackMark.Review reviewOf(String body) throws DecodeException {
        var n = Json.readTree(body);
        var v = n.get("review");
        if (!n.isObject() || n.size() != 1 || v == null || !v.isTextual()) {
            throw new DecodeException("expected {\"review\": \"confirmed\"} or {\"review\": \"rejected\"}");
        }
        try {
            return FeedbackMark.Review.ofWire(v.textValue());
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }

    /** A team's marks for its manager; a rep's own marks for the rep. */
    private java.util.List<FeedbackMark> marks(QueryStringDecoder uri, Principal who) throws Exception {
        Marking.mayMarkAtAll(who);
        long[] p = period(uri);
        String reviewParam = Params.text(uri, "review", 16);
        FeedbackMark.Review review;
        try {
            review = reviewParam == null ? null : FeedbackMark.Review.ofWire(reviewParam);
        } catch (IllegalArgumentException e) {
            throw new Params.BadParam("parameter 'review' must be pending, confirmed or rejected");
        }
        if (!who.isLocal() && who.kind() == Principal.Kind.VIEWER) {
            return store.feedback().forTeam(who.team(), who.rep(), review, p[0], p[1]);
        }
        String team = who.isLocal() ? Params.text(uri, "team", 64) : who.team();
        return store.feedback().forTeam(team, Params.text(uri, "rep", 64), review, p[0], p[1]);
    }

    /** The team a manager's request is about: the team token's own, or ?team= on a server without tokens. */
    private static String managedTeam(QueryStringDecoder uri, Principal who) throws Exception {
        if (!who.isLocal() && who.kind() != Principal.Kind.TEAM) {
            throw new Marking.Refused(403, uri.path() + " is for a team's manager: use the team's token ('pressure-monitor token create --kind team --team NAME')");
        }
        String asked = Params.text(uri, "team", 64);
        if (who.isLocal()) {
            if (asked == null) throw new Params.BadParam("parameter 'team' is required: which team's feedback");
            return asked;
        }
        if (asked != null && !asked.equals(who.team())) {
            throw new Marking.Refused(403, "this token is team '" + who.team() + "''s: it reads that team's feedback, not team '" + asked + "''s");
        }
        return who.team();
    }

    private long[] period(QueryStringDecoder uri) throws Params.BadParam {
        Long to = Params.time(uri, "to"), from = Params.time(uri, "from");
        long end = to != null ? to : clock.millis() + 1;
        long start = from != null ? from : end - DEFAULT_PERIOD.toMillis();
        if (start >= end) throw new Params.BadParam("parameter 'from' must be before 'to'");
        return new long[]{start, end};
    }
}
