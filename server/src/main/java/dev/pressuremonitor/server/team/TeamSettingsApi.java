package dev.pressuremonitor.server.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.TeamModelFile;
import dev.pressuremonitor.models.TeamSettings;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.calls.Html;
import dev.pressuremonitor.server.calls.Params;
import dev.pressuremonitor.server.calls.TeamSettingsTable;
import dev.pressuremonitor.server.http.HttpApi;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.time.Clock;
import java.util.Optional;

/**
 * A team's choices for its agents over HTTP. For the team's agents (agent token): {@code GET /api/agent/settings} and
 * {@code GET /api/agent/model} (the team's refitted model file, 404 when the team has none). For its manager (team
 * token): {@code GET /api/team/settings} (rules and the model in use, with its comparison) and
 * {@code POST /api/team/rules} with {@code {"rule": "urgency.deadline", "setting": "off"|"down"|"on"}}, which the
 * team's connected agents get at once. Always the caller's own team.
 */
public final class TeamSettingsApi implements HttpApi {
    private final CallStore store;
    private final TeamSettingsHub hub;
    private final Clock clock;

    public TeamSettingsApi(CallStore store, TeamSettingsHub hub, Clock clock) {
        this.store = store;
        this.hub = hub;
        this.clock = clock;
    }

    @Override
    public Response handle(QueryStringDecoder uri, Principal who) throws Exception {
        String path = uri.path();
        if (path.equals("/team/rules")) return rulesPage(uri, who);
        if (!path.equals("/api/agent/settings") && !path.equals("/api/agent/model") && !path.equals("/api/team/settings")) return null;
        try {
            boolean agent = path.startsWith("/api/agent/");
            String team = team(uri, who, agent ? Principal.Kind.AGENT : Principal.Kind.TEAM);
            TeamSettingsTable t = store.teamSettings();
            return switch (path) {
                case "/api/agent/settings" -> Response.json(HttpResponseStatus.OK, t.settings(team).toJson());
                case "/api/agent/model" -> {
                    Optional<TeamSettingsTable.ActiveModel> m = t.activeModel(team);
                    yield m.map(a -> new Response(HttpResponseStatus.OK, "application/json; charset=utf-8", a.body()))
                            .orElseGet(() -> Response.error(HttpResponseStatus.NOT_FOUND, "team '" + team + "' has no refitted model: agents use the shipped one"
                                    + " (a manager makes one with 'pressure-monitor train --with-feedback' and 'pressure-monitor model push')"));
                }
                default -> Response.json(HttpResponseStatus.OK, overview(team, t));
            };
        } catch (Refused e) {
            return Response.error(HttpResponseStatus.FORBIDDEN, e.getMessage());
        } catch (Params.BadParam e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @Override
    public Response post(QueryStringDecoder uri, String body, Principal who) throws Exception {
        if (!uri.path().equals("/api/team/rules")) return null;
        try {
            String team = team(uri, who, Principal.Kind.TEAM);
            JsonNode n = Json.readTree(body);
            String rule = n.path("rule").asText(null), setting = n.path("setting").asText(null);
            if (rule == null || setting == null) {
                return Response.error(HttpResponseStatus.BAD_REQUEST, "send {\"rule\": \"urgency.deadline\", \"setting\": \"off\"|\"down\"|\"on\"}");
            }
            store.teamSettings().setRule(team, rule, setting, who.isLocal() ? "local" : "manager of " + who.team(), clock.millis());
            hub.changed(team);
            return Response.json(HttpResponseStatus.OK, store.teamSettings().settings(team).toJson());
        } catch (Refused e) {
            return Response.error(HttpResponseStatus.FORBIDDEN, e.getMessage());
        } catch (Params.BadParam | DecodeException | IllegalArgumentException e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** How far back the rules page counts nudges and marks. */
    static final int RULES_DAYS = 28;

    private Response rulesPage(QueryStringDecoder uri, Principal who) throws Exception {
        String team;
        try {
            team = team(uri, who, Principal.Kind.TEAM);
        } catch (Refused | Params.BadParam e) {
            return Html.errorResponse(HttpResponseStatus.FORBIDDEN,
                    "The rules page is for the team's manager: open it with the team's token (from 'pressure-monitor token create --kind team --team NAME').");
        }
        long now = clock.millis();
        TeamSettingsTable t = store.teamSettings();
        var rows = TeamRulesPage.rows(store.feedback().rates(team, now - java.time.Duration.ofDays(RULES_DAYS).toMillis(), now + 1), t.rules(team));
        JsonNode model = model(t.activeModel(team));
        return Response.text(HttpResponseStatus.OK, "text/html; charset=utf-8", TeamRulesPage.page(team, rows, model, RULES_DAYS, Params.pageToken(uri)));
    }

    private String overview(String team, TeamSettingsTable t) throws Exception {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("team", team);
        ObjectNode rules = o.putObject("rules");
        t.rules(team).forEach(rules::put);
        o.set("model", model(t.activeModel(team)));
        return o.toString();
    }

    /** The model in use, with the comparison {@code train} made; JSON null when the team has none. */
    private static JsonNode model(Optional<TeamSettingsTable.ActiveModel> m) {
        if (m.isEmpty()) return Json.mapper().nullNode();
        ObjectNode model = Json.mapper().createObjectNode();
        model.put("sha256", m.get().sha256());
        model.put("createdAt", java.time.Instant.ofEpochMilli(m.get().createdAt()).toString());
        model.put("pushedAt", java.time.Instant.ofEpochMilli(m.get().pushedAt()).toString());
        try {
            model.set("comparison", TeamModelFile.read(m.get().body()).comparison());
        } catch (DecodeException e) {
            model.put("problem", e.getMessage());
        }
        return model;
    }

    /** The caller's own team; a local server without tokens names it with ?team=. */
    private static String team(QueryStringDecoder uri, Principal who, Principal.Kind needed) throws Refused, Params.BadParam {
        if (who.isLocal()) {
            String team = Params.text(uri, "team", 64);
            if (team == null) throw new Params.BadParam("name the team with ?team=NAME");
            return team;
        }
        if (who.kind() != needed) {
            throw new Refused(uri.path() + (needed == Principal.Kind.AGENT ? " is for a team's agents: use an agent token"
                    : " is for a team's manager: use the team's token ('pressure-monitor token create --kind team --team NAME')"));
        }
        return who.team();
    }

    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }
}
