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
        String otherTeam = otherTeam(uri, who);
        if (otherTeam != null) {
            return Response.error(HttpResponseStatus.FORBIDDEN, "This token is for " + who.rep() + " of team " + who.team()
                    + ", but this address is for " + rep + " of team " + otherTeam + ": open the overlay address made for " + who.rep()
                    + " of " + who.team() + " (...&team=" + who.team() + "), or ask for a viewer token for " + rep + " of " + otherTeam
                    + " ('pressure-monitor token create --kind viewer --rep " + rep + " --team " + otherTeam + "').");
        }
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

    /**
     * A team the address names other than the viewer token's own, as the overlay's WebSocket refuses it (ana of apac is
     * not ana of emea); null when the address names none or the token's team. A local server's overlay names any team.
     */
    private static String otherTeam(QueryStringDecoder uri, Principal who) {
        List<String> teams = uri.parameters().get("team");
        if (teams == null || who.isLocal() || who.kind() != Principal.Kind.VIEWER) return null;
        return teams.stream().filter(t -> !t.equals(who.team())).findFirst().orElse(null);
    }
}
