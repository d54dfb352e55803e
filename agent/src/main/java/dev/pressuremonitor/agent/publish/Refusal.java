package dev.pressuremonitor.agent.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.Json;

/**
 * What the agent tells the user when the server will not take it at the WebSocket upgrade: the server's own words when
 * it gave some, else what to do about it.
 */
final class Refusal {
    /** Longest part of a refusal's body shown; a proxy's whole error page is not. */
    static final int SHOWN = 300;

    private Refusal() {}

    /** The reason in an HTTP error body: its JSON {@code error}, else the text as it is (cut short); null when empty. */
    static String reason(String body) {
        String text = body.trim();
        try {
            JsonNode node = Json.readTree(text);
            if (node.hasNonNull("error")) text = node.get("error").asText();
        } catch (Exception notJson) {
            // a proxy's own page: shown as it is
        }
        if (text.isEmpty()) return null;
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
    }

    /** A 401 or 403: retrying with the same token cannot help, so the user is told what to do instead. */
    static String refused(int status, String reason) {
        String why = reason != null ? reason : status == 401
                ? "missing or unknown agent token: create one with 'pressure-monitor token create --rep NAME --team NAME' on the server and set PRESSURE_MONITOR_TOKEN"
                : "this token may not send calls: use an agent token from 'pressure-monitor token create'";
        return "the server refused this agent (HTTP " + status + "): " + why;
    }

    /** A 5xx: the server cannot decide now (its database is away), which is no verdict on the token. */
    static String unavailable(int status, String reason) {
        return "the server cannot take this agent right now (HTTP " + status + (reason == null ? "" : ": " + reason)
                + "); retrying, nothing is lost meanwhile";
    }
}
