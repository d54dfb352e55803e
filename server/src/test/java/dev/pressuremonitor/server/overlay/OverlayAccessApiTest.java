package dev.pressuremonitor.server.overlay;

import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.http.HttpApi;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What the overlay page is told when it asks why its WebSocket was refused: the same verdict the socket gave. */
class OverlayAccessApiTest {
    private static final Principal ANA_OF_EMEA = new Principal(Principal.Kind.VIEWER, "ana", "emea");

    private static HttpApi.Response ask(String query, Principal who) {
        return new OverlayAccessApi().handle(new QueryStringDecoder("/api/overlay?" + query + "&token=t"), who);
    }

    private static String body(HttpApi.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anOverlayAddressOfTheSameNamedRepInAnotherTeamIsRefusedWithTheTeamAndWhatToDo() {
        HttpApi.Response r = ask("rep=ana&team=apac", ANA_OF_EMEA);

        assertThat(r.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(body(r)).contains("team emea", "team apac", "&team=emea", "--rep ana --team apac");
    }

    @Test
    void theRepsOwnAddressWithItsTeamIsAccepted() {
        assertThat(ask("rep=ana&team=emea", ANA_OF_EMEA).status()).isEqualTo(HttpResponseStatus.OK);
    }
}
