package dev.pressuremonitor.server.team;

import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.TeamReport;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.calls.Params;
import dev.pressuremonitor.server.http.HttpApi;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.time.Clock;
import java.time.Duration;

/** {@code GET /api/team}, {@code /team} (HTML) and {@code /metrics} (Prometheus). */
public final class TeamApi implements HttpApi {
    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

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
            return Response.error(HttpResponseStatus.FORBIDDEN, path + " needs a team token: create one with 'pressure-monitor token create --kind team --team NAME'");
        }
        try {
            TeamReport report = report(uri, who);
            return path.equals("/team") ? Response.text(HttpResponseStatus.OK, "text/html; charset=utf-8", TeamPage.render(report))
                    : Response.json(HttpResponseStatus.OK, Json.write(report));
        } catch (Params.BadParam e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
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
