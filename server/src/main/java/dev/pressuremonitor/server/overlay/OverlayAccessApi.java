package dev.pressuremonitor.server.overlay;

import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.http.HttpApi;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /api/overlay?rep=NAME&token=...}: whether this overlay address may watch that rep, and if not, why and
 * what to do. A browser cannot read why a WebSocket was refused; the overlay asks here and tells the rep.
 */
public final class OverlayAccessApi implements HttpApi {
    static final String PATH = "/api/overlay";
    private static final Pattern REP = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public Response handle(QueryStringDecoder uri, Principal who) {
        if (!uri.path().equals(PATH)) return null;
        List<String> reps = uri.parameters().get("rep");
        if (reps == null || reps.size() != 1 || !REP.matcher(reps.get(0)).matches()) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, "This address has no rep name: open the overlay address that"
                    + " 'pressure-monitor run' or the agent printed (it ends in ?rep=NAME&token=...).");
        }
        String rep = reps.get(0);
        if (who.isLocal() || (who.kind() == Principal.Kind.VIEWER && who.rep().equals(rep))) {
            return Response.json(HttpResponseStatus.OK, dev.pressuremonitor.models.Json.mapper().createObjectNode().put("rep", rep).toString());
        }
        if (who.kind() == Principal.Kind.VIEWER) {
            return Response.error(HttpResponseStatus.FORBIDDEN, "This token is " + who.rep() + "'s, not " + rep + "'s: open "
                    + who.rep() + "'s overlay, or ask for a viewer token for " + rep + " ('pressure-monitor token create --kind viewer --rep " + rep + "').");
        }
        return Response.error(HttpResponseStatus.FORBIDDEN, "This is " + (who.kind() == Principal.Kind.AGENT ? "an agent" : "a team")
                + " token; the overlay needs the rep's viewer token ('pressure-monitor token create --kind viewer --rep " + rep + "').");
    }
}
