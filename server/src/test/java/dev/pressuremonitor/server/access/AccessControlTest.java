package dev.pressuremonitor.server.access;

import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who a token speaks for, decided without sockets. */
class AccessControlTest {
    private final CallStore store = CallStore.temporary();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aLocalServerWithoutAccessControlLetsEveryoneInAsLocal() throws Exception {
        AccessControl open = new AccessControl(false, store);
        assertThat(open.required()).isFalse();
        assertThat(open.authenticate(null)).contains(Principal.LOCAL);
    }

    @Test
    void withAccessControlAStoredTokenIsItsPrincipal() throws Exception {
        AccessControl ac = new AccessControl(true, store);
        String token = store.createToken(Principal.Kind.AGENT, "ana", "emea");
        assertThat(ac.required()).isTrue();
        assertThat(ac.authenticate(token)).contains(new Principal(Principal.Kind.AGENT, "ana", "emea"));
    }

    @Test
    void aTokenForThisRunOnlyIsKnownToThisServer() throws Exception {
        AccessControl ac = new AccessControl(true, store);
        String token = ac.issueEphemeral(Principal.Kind.VIEWER, "ana", "local");
        assertThat(ac.authenticate(token)).contains(new Principal(Principal.Kind.VIEWER, "ana", "local"));
        assertThat(new AccessControl(true, store).authenticate(token)).as("another server").isEmpty();
    }

    @Test
    void aMissingUnknownOrMalformedTokenIsNobody() throws Exception {
        AccessControl ac = new AccessControl(true, store);
        assertThat(ac.authenticate(null)).isEmpty();
        assertThat(ac.authenticate("pm_unknown_but_well_formed")).isEmpty();
        assertThat(ac.authenticate("pm_has spaces and ; drop table")).isEmpty();
    }

    @Test
    void aTokenIsTenTo128LettersDigitsUnderscoresOrDashes() {
        assertThat(Tokens.plausible("a".repeat(10))).isTrue();
        assertThat(Tokens.plausible("a".repeat(9))).isFalse();
        assertThat(Tokens.plausible("A-z_09".repeat(21) + "ab")).as("128 characters").isTrue();
        assertThat(Tokens.plausible("a".repeat(129))).isFalse();
        assertThat(Tokens.plausible("pm_abc/defgh")).isFalse();
        assertThat(Tokens.plausible(null)).isFalse();
    }

    @Test
    void aNewTokenIsLongRandomAndOnlyItsHashIsKept() {
        String a = Tokens.newToken(), b = Tokens.newToken();
        assertThat(a).startsWith("pm_").hasSize(46).isNotEqualTo(b);
        assertThat(Tokens.plausible(a)).isTrue();
        assertThat(Tokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void anAgentActsOnlyForItsOwnRepAndSeesOnlyItsOwnTeam() {
        Principal ana = new Principal(Principal.Kind.AGENT, "ana", "emea");
        assertThat(ana.mayActAs("emea", "ana")).isTrue();
        assertThat(ana.mayActAs("emea", "ben")).isFalse();
        assertThat(ana.mayActAs("apac", "ana")).as("another team's ana is another person").isFalse();
        assertThat(ana.maySeeTeam("emea")).isTrue();
        assertThat(ana.maySeeTeam("amer")).isFalse();
        assertThat(ana.isLocal()).isFalse();
        assertThat(Principal.LOCAL.mayActAs("amer", "ben")).isTrue();
        assertThat(Principal.LOCAL.maySeeTeam("amer")).isTrue();
    }

    @Test
    void aTokenHoldsAtMostItsShareOfConnections() {
        ConnectionCounter c = new ConnectionCounter();
        assertThat(c.tryAcquire("t", 2)).isTrue();
        assertThat(c.tryAcquire("t", 2)).isTrue();
        assertThat(c.tryAcquire("t", 2)).isFalse();
        assertThat(c.tryAcquire("other", 2)).isTrue();
        c.release("t");
        assertThat(c.tryAcquire("t", 2)).isTrue();
        c.release("never-seen"); // harmless
    }
}
