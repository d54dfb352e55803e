package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.http.HttpApi;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.Optional;
import java.util.regex.Pattern;

/** {@code GET /api/calls}, {@code /api/calls/{id}}, {@code /calls/{id}} (HTML) and {@code /calls/{id}.md}. */
public final class CallsApi implements HttpApi {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final CallStore store;

    public CallsApi(CallStore store) {
        this.store = store;
    }

    @Override
    public Response handle(QueryStringDecoder uri, Principal who) throws Exception {
        String path = uri.path();
        if (!path.equals("/api/calls") && !path.startsWith("/api/calls/") && !path.startsWith("/calls/")) return null;
        if (who.kind() == Principal.Kind.AGENT && !who.isLocal()) {
            if (isPage(path)) return Html.errorResponse(HttpResponseStatus.FORBIDDEN, "An agent token cannot read calls: use the rep's viewer token or a team token.");
            return Response.error(HttpResponseStatus.FORBIDDEN, "an agent token cannot read calls: use the rep's viewer token or a team token");
        }
        try {
            if (path.equals("/api/calls")) return list(uri, who);
            if (path.startsWith("/api/calls/")) {
                return summary(path.substring("/api/calls/".length()), who).map(s -> Response.json(HttpResponseStatus.OK, SummaryJson.write(s, false)))
                        .orElseGet(() -> notFound(path));
            }
            if (path.startsWith("/calls/")) {
                String id = path.substring("/calls/".length());
                if (id.endsWith(".md")) {
                    return summary(id.substring(0, id.length() - 3), who)
                            .map(s -> Response.text(HttpResponseStatus.OK, "text/markdown; charset=utf-8", SummaryMarkdown.render(s)))
                            .orElseGet(() -> notFound(path));
                }
                String token = Params.pageToken(uri);
                String query = token == null ? "" : "?token=" + token;
                Optional<CallSummary> found = summary(id, who);
                if (found.isEmpty()) return Html.errorResponse(HttpResponseStatus.NOT_FOUND, "There is no call at " + path + " that this token may see."
                        + " Open the report address the agent printed, or your calls page.");
                CallSummary s = found.get();
                SummaryPage.Context ctx = new SummaryPage.Context(query, typical(new CallFilter(s.rep(), s.team().isEmpty() ? null : s.team(), null, null, 21), id),
                        s.team().isEmpty() ? null : typical(new CallFilter(null, s.team(), null, null, 201), id), null);
                return Response.text(HttpResponseStatus.OK, "text/html; charset=utf-8", SummaryPage.render(s, ctx));
            }
        } catch (Params.BadParam e) {
            if (isPage(path)) return Html.errorResponse(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        return null;
    }

    /** Paths a browser shows as a page: their errors are pages too, not JSON. */
    static boolean isPage(String path) {
        return path.startsWith("/calls/") && !path.endsWith(".md");
    }

    /** The usual pressure score over the most recent ended calls matching {@code f}, this call left out; null without any. */
    private SummaryPage.Typical typical(CallFilter f, String except) throws Exception {
        int[] scores = store.list(f).stream().filter(r -> r.endedAt() != null && r.pressureScore() != null && !r.callId().equals(except))
                .limit(f.limit() - 1).mapToInt(r -> r.pressureScore()).sorted().toArray();
        if (scores.length == 0) return null;
        int n = scores.length;
        int median = n % 2 == 1 ? scores[n / 2] : (int) Math.round((scores[n / 2 - 1] + scores[n / 2]) / 2.0);
        return new SummaryPage.Typical(median, n);
    }

    private Response list(QueryStringDecoder uri, Principal who) throws Exception {
        String rep = Params.text(uri, "rep", 64), team = Params.text(uri, "team", 64);
        // a viewer sees only their rep's calls, a team token only its team's
        if (!who.isLocal() && who.kind() == Principal.Kind.VIEWER) {
            rep = who.rep();
            team = who.team(); // ana of apac does not see ana of emea's calls
        }
        if (!who.isLocal() && who.kind() == Principal.Kind.TEAM) team = who.team();
        Long from = Params.time(uri, "from"), to = Params.time(uri, "to");
        int limit = Params.integer(uri, "limit", 100, 1, 1000);
        if (from != null && to != null && from >= to) throw new Params.BadParam("parameter 'from' must be before 'to'");
        return Response.json(HttpResponseStatus.OK, Json.write(store.list(new CallFilter(rep, team, from, to, limit))));
    }

    private Optional<CallSummary> summary(String id, Principal who) throws Exception {
        if (!ID.matcher(id).matches()) throw new Params.BadParam("call id '" + abbreviate(id) + "' is not valid: letters, digits, '.', '_', ':' or '-', at most 128");
        // someone else's call looks exactly like no call: existence is not leaked
        return store.summary(id).filter(s -> who.isLocal()
                || (who.kind() == Principal.Kind.VIEWER && who.rep().equals(s.rep()) && who.team().equals(s.team()))
                || (who.kind() == Principal.Kind.TEAM && who.team().equals(s.team())));
    }

    private static Response notFound(String path) {
        return Response.error(HttpResponseStatus.NOT_FOUND, "no call at " + path + ": list calls with GET /api/calls");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
