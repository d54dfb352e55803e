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
            return Response.error(HttpResponseStatus.FORBIDDEN, "an agent token cannot read calls: use the rep's viewer token or a team token");
        }
        try {
            if (path.equals("/api/calls")) return list(uri, who);
            if (path.startsWith("/api/calls/")) {
                return summary(path.substring("/api/calls/".length()), who).map(s -> Response.json(HttpResponseStatus.OK, Json.write(s)))
                        .orElseGet(() -> notFound(path));
            }
            if (path.startsWith("/calls/")) {
                String id = path.substring("/calls/".length());
                if (id.endsWith(".md")) {
                    return summary(id.substring(0, id.length() - 3), who)
                            .map(s -> Response.text(HttpResponseStatus.OK, "text/markdown; charset=utf-8", SummaryMarkdown.render(s)))
                            .orElseGet(() -> notFound(path));
                }
                java.util.List<String> token = uri.parameters().get("token");
                String query = token == null || token.size() != 1 || !token.get(0).matches("[A-Za-z0-9_-]{1,128}") ? "" : "?token=" + token.get(0);
                return summary(id, who).map(s -> Response.text(HttpResponseStatus.OK, "text/html; charset=utf-8", SummaryPage.render(s, query)))
                        .orElseGet(() -> notFound(path));
            }
        } catch (Params.BadParam e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        return null;
    }

    private Response list(QueryStringDecoder uri, Principal who) throws Exception {
        String rep = Params.text(uri, "rep", 64), team = Params.text(uri, "team", 64);
        // a viewer sees only their rep's calls, a team token only its team's
        if (!who.isLocal() && who.kind() == Principal.Kind.VIEWER) rep = who.rep();
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
                || (who.kind() == Principal.Kind.VIEWER && who.rep().equals(s.rep()))
                || (who.kind() == Principal.Kind.TEAM && who.team().equals(s.team())));
    }

    private static Response notFound(String path) {
        return Response.error(HttpResponseStatus.NOT_FOUND, "no call at " + path + ": list calls with GET /api/calls");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
