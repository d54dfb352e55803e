package dev.pressuremonitor.server.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpRouterTest {

    @Test
    void servesTheOverlayPageWithSecurityHeaders() {
        String res = new WsHarness().http("GET /?rep=ana HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(res).startsWith("HTTP/1.1 200 OK");
        assertThat(res.toLowerCase()).contains("content-type: text/html; charset=utf-8").contains("x-content-type-options: nosniff")
                .contains("content-security-policy: default-src 'self'");
        assertThat(res).contains("<title>Pressure Monitor</title>");
    }

    @Test
    void healthzAnswersJson() {
        String res = new WsHarness().http("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(res).startsWith("HTTP/1.1 200 OK").endsWith("{\"status\":\"ok\"}");
    }

    @Test
    void anOverlayWithoutARepIsRefusedSayingWhatToOpen() {
        String res = new WsHarness().upgrade("/ws/overlay");
        assertThat(res).startsWith("HTTP/1.1 400 Bad Request").contains("overlay needs ?rep=NAME");
    }

    @Test
    void anOverlayWithAHostileRepNameIsRefused() {
        assertThat(new WsHarness().upgrade("/ws/overlay?rep=../../etc")).startsWith("HTTP/1.1 400 Bad Request");
    }

    @Test
    void unknownPathsAre404WithAJsonReason() {
        String res = new WsHarness().http("GET /nope HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(res).startsWith("HTTP/1.1 404 Not Found").endsWith("{\"error\":\"nothing at /nope\"}");
    }

    @Test
    void otherMethodsAre405() {
        String res = new WsHarness().http("POST /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
        assertThat(res).startsWith("HTTP/1.1 405 Method Not Allowed");
    }
}
