package dev.pressuremonitor.agent.publish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the rep reads when the server will not take the agent: the server's own words, else what to do. */
class RefusalTest {
    @Test
    void anUnknownTokenWithoutAReasonSaysHowToMakeOne() {
        assertThat(Refusal.refused(401, null)).isEqualTo("the server refused this agent (HTTP 401): missing or unknown agent token: "
                + "create one with 'pressure-monitor token create --rep NAME --team NAME' on the server and set PRESSURE_MONITOR_TOKEN");
    }

    @Test
    void aForbiddenTokenWithoutAReasonSaysWhichTokenToUse() {
        assertThat(Refusal.refused(403, null)).isEqualTo("the server refused this agent (HTTP 403): "
                + "this token may not send calls: use an agent token from 'pressure-monitor token create'");
    }

    @Test
    void theServersOwnReasonIsShownInsteadOfTheGuess() {
        assertThat(Refusal.refused(401, "token revoked on 2026-11-27")).isEqualTo("the server refused this agent (HTTP 401): token revoked on 2026-11-27");
    }

    @Test
    void aServerThatCannotDecideNowIsRetriedAndSaysWhy() {
        assertThat(Refusal.unavailable(503, "database unreachable")).isEqualTo(
                "the server cannot take this agent right now (HTTP 503: database unreachable); retrying, nothing is lost meanwhile");
        assertThat(Refusal.unavailable(502, null)).isEqualTo(
                "the server cannot take this agent right now (HTTP 502); retrying, nothing is lost meanwhile");
    }

    @Test
    void theReasonIsTheErrorOfAJsonBody() {
        assertThat(Refusal.reason(" {\"error\":\"this token is not an agent token\"}\n")).isEqualTo("this token is not an agent token");
    }

    @Test
    void aPlainOrOtherJsonBodyIsShownAsItIs() {
        assertThat(Refusal.reason("  Bad Gateway \n")).isEqualTo("Bad Gateway");
        assertThat(Refusal.reason("{\"message\":\"nope\"}")).isEqualTo("{\"message\":\"nope\"}");
        assertThat(Refusal.reason("{\"error\":null}")).isEqualTo("{\"error\":null}");
    }

    @Test
    void anEmptyBodyGivesNoReason() {
        assertThat(Refusal.reason(" \n")).isNull();
        assertThat(Refusal.reason("{\"error\":\"\"}")).isNull();
    }

    @Test
    void aLongPageIsCutShort() {
        String page = "x".repeat(Refusal.SHOWN);
        assertThat(Refusal.reason(page)).isEqualTo(page);
        assertThat(Refusal.reason(page + "y")).isEqualTo(page + "...");
    }
}
