package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Json;
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
    public Response handle(QueryStringDecoder uri) throws Exception {
        String path = uri.path();
        try {
            if (path.equals("/api/calls")) return list(uri);
            if (path.startsWith("/api/calls/")) {
                return summary(path.substring("/api/calls/".length())).map(s -> Response.json(HttpResponseStatus.OK, Json.write(s)))
                        .orElseGet(() -> notFound(path));
            }
            if (path.startsWith("/calls/")) {
                String id = path.substring("/calls/".length());
                if (id.endsWith(".md")) {
                    return summary(id.substring(0, id.length() - 3))
                            .map(s -> Response.text(HttpResponseStatus.OK, "text/markdown; charset=utf-8", SummaryMarkdown.render(s)))
                            .orElseGet(() -> notFound(path));
                }
                return summary(id).map(s -> Response.text(HttpResponseStatus.OK, "text/html; charset=utf-8", SummaryPage.render(s)))
                        .orElseGet(() -> notFound(path));
            }
        } catch (Params.BadParam e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        return null;
    }

    private Response list(QueryStringDecoder uri) throws Exception {
        String rep = Params.text(uri, "rep", 64), team = Params.text(uri, "team", 64);
        Long from = Params.time(uri, "from"), to = Params.time(uri, "to");
        int limit = Params.integer(uri, "limit", 100, 1, 1000);
        if (from != null && to != null && from >= to) throw new Params.BadParam("parameter 'from' must be before 'to'");
        return Response.json(HttpResponseStatus.OK, Json.write(store.list(new CallFilter(rep, team, from, to, limit))));
    }

    private Optional<CallSummary> summary(String id) throws Exception {
        if (!ID.matcher(id).matches()) throw new Params.BadParam("call id '" + abbreviate(id) + "' is not valid: letters, digits, '.', '_', ':' or '-', at most 128");
        return store.summary(id);
    }

    private static Response notFound(String path) {
        return Response.error(HttpResponseStatus.NOT_FOUND, "no call at " + path + ": list calls with GET /api/calls");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
