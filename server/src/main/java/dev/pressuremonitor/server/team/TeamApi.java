package dev.pressuremonitor.server.team;

import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.TeamReport;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.calls.Html;
import dev.pressuremonitor.server.calls.Params;
import dev.pressuremonitor.server.http.HttpApi;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.time.Clock;
import java.time.Duration;

/** {@code GET /api/team}, {@code /team} (HTML) and {@code /metrics} (Prometheus). */
public final class TeamApi implements HttpApi {
    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    private static final java.util.regex.Pattern REP = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final CallStore store;
    private final TeamMetrics metrics;
    private final Clock clock;

    public TeamApi(CallStore store, TeamMetrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Response handle(QueryStringDecoder uri, Principal who) throws Exception {
        String path = uri.path();
        if (path.startsWith("/reps/")) return repPage(uri, who, path.substring("/reps/".length()));
        if (!path.equals("/metrics") && !path.equals("/api/team") && !path.equals("/team")) return null;
        if (path.equals("/metrics")) {
            // every team's figures, so not for a team's manager: for whoever runs the server and its Prometheus
            if (!who.isLocal() && who.kind() != Principal.Kind.OPERATOR) {
                return Response.error(HttpResponseStatus.FORBIDDEN, "/metrics shows every team's figures and needs an operator token:"
                        + " create one with 'pressure-monitor token create --kind operator' for your Prometheus");
            }
            return Response.text(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        }
        if (!who.isLocal() && who.kind() != Principal.Kind.TEAM) {
            String why = path + " needs a team token: create one with 'pressure-monitor token create --kind team --team NAME'";
            if (path.equals("/team")) {
                return Html.errorResponse(HttpResponseStatus.FORBIDDEN, "The team page needs a team token; this one is "
                        + (who.kind() == Principal.Kind.VIEWER ? who.rep() + "'s viewer token: open /reps/" + who.rep() + " with it to see " + who.rep() + "'s own progress." : "not one.")
                        + " A manager gets one from 'pressure-monitor token create --kind team --team NAME'.");
            }
            return Response.error(HttpResponseStatus.FORBIDDEN, why);
        }
        try {
            if (path.equals("/team")) {
                TeamView.Period period = period(uri);
                String team = who.isLocal() ? Params.text(uri, "team", 64) : who.team();
                TeamView view = TeamView.build(store, team, null, period, clock.millis());
                return Response.text(HttpResponseStatus.OK, "text/html; charset=utf-8",
                        TeamPage.team(view, Params.pageToken(uri), FeedbackPanel.load(store, team, view.from(), view.to())));
            }
            return Response.json(HttpResponseStatus.OK, Json.write(report(uri, who)));
        } catch (Params.BadParam e) {
            if (path.equals("/team")) return Html.errorResponse(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** {@code /reps/NAME}: one rep's progress, for the rep (viewer token) and their manager (team token). */
    private Response repPage(QueryStringDecoder uri, Principal who, String rep) throws Exception {
        if (!REP.matcher(rep).matches()) {
            return Html.errorResponse(HttpResponseStatus.NOT_FOUND, "There is no rep called '" + (rep.length() > 40 ? rep.substring(0, 40) + "..." : rep)
                    + "': names are letters, digits, '.', '_' or '-'.");
        }
        boolean mayRead = who.isLocal() || (who.kind() == Principal.Kind.VIEWER && who.rep().equals(rep)) || who.kind() == Principal.Kind.TEAM;
        if (!mayRead) {
            return Html.errorResponse(HttpResponseStatus.FORBIDDEN, who.kind() == Principal.Kind.VIEWER
                    ? "This is " + who.rep() + "'s viewer token: it opens /reps/" + who.rep() + ", not " + rep + "'s page."
                    : "A rep's page needs the rep's viewer token or the team's token ('pressure-monitor token create --kind viewer --rep " + rep + "').");
        }
        try {
            String team = who.isLocal() ? Params.text(uri, "team", 64) : who.team();
            TeamView view = TeamView.build(store, team, rep, period(uri), clock.millis());
            TeamView.Rep r = view.reps().isEmpty() ? null : view.reps().get(0);
            return Response.text(HttpResponseStatus.OK, "text/html; charset=utf-8",
                    TeamPage.rep(view, r, rep, Params.pageToken(uri), who.isLocal() || who.kind() == Principal.Kind.TEAM,
                            store.feedback().forTeam(team, rep, null, view.from(), view.to())));
        } catch (Params.BadParam e) {
            return Html.errorResponse(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static TeamView.Period period(QueryStringDecoder uri) throws Params.BadParam {
        String key = Params.text(uri, "period", 8);
        if (key == null) return TeamView.DEFAULT;
        TeamView.Period p = TeamView.period(key);
        if (p == null) throw new Params.BadParam("period '" + key + "' is not one the page offers: use 7d, 4w or 12w");
        return p;
    }

    TeamReport report(QueryStringDecoder uri, Principal who) throws Exception {
        Long to = Params.time(uri, "to");
        Long from = Params.time(uri, "from");
        String team = who.isLocal() ? Params.text(uri, "team", 64) : who.team();
        long end = to != null ? to : clock.millis();
        long start = from != null ? from : end - DEFAULT_PERIOD.toMillis();
        if (start >= end) throw new Params.BadParam("parameter 'from' must be before 'to'");
        if (end - start > Duration.ofDays(3660).toMillis()) throw new Params.BadParam("parameter 'from' is more than ten years before 'to'");
        return store.team(team, start, end);
    }
}
