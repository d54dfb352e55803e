package dev.pressuremonitor.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/** A route that does blocking work (database reads): the router runs it off the event loop. */
public interface HttpApi {
    record Response(HttpResponseStatus status, String contentType, byte[] body) {
        public static Response json(HttpResponseStatus status, String json) {
            return new Response(status, "application/json; charset=utf-8", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public static Response text(HttpResponseStatus status, String contentType, String body) {
            return new Response(status, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public static Response error(HttpResponseStatus status, String message) {
            return json(status, dev.pressuremonitor.models.Json.mapper().createObjectNode().put("error", message).toString());
        }
    }

    /**
     * @param who the caller, already authenticated; the API decides what it may see
     * @return null when this API does not serve the path
     */
    Response handle(QueryStringDecoder uri, dev.pressuremonitor.server.access.Principal who) throws Exception;

    /**
     * A POST to an {@code /api/} path: the router has checked that the body is JSON and came from this server's own
     * pages (or a tool without an Origin), so a page of another site cannot post with a reader's token.
     *
     * @param body the request body, UTF-8 JSON
     * @return null when this API takes no POST at the path
     */
    default Response post(QueryStringDecoder uri, String body, dev.pressuremonitor.server.access.Principal who) throws Exception {
        return null;
    }
}
