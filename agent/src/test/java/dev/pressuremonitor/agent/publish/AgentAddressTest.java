package dev.pressuremonitor.agent.publish;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's address names its rep and team, so a load balancer can keep a rep on one server. */
class AgentAddressTest {
    @Test
    void aServerAddressGetsTheAgentPathRepAndTeam() {
        assertThat(AgentAddress.of(URI.create("ws://10.0.0.5:8425"), "ana", "emea"))
                .isEqualTo(URI.create("ws://10.0.0.5:8425/ws/agent?rep=ana&team=emea"));
    }

    @Test
    void aGivenPathIsKeptAndAnEmptyTeamLeftOut() {
        assertThat(AgentAddress.of(URI.create("wss://pm.example.com/ws/agent"), "ana", ""))
                .isEqualTo(URI.create("wss://pm.example.com/ws/agent?rep=ana"));
    }

    @Test
    void aTeamNameWithSpacesIsEncoded() {
        assertThat(AgentAddress.of(URI.create("ws://h:1/"), "ana", "north east").toString())
                .isEqualTo("ws://h:1/ws/agent?rep=ana&team=north%20east");
    }

    @Test
    void aProxysOwnPathAndQueryAreKept() {
        assertThat(AgentAddress.of(URI.create("wss://lb.example.com/pm/agent?region=eu"), "ana", "emea"))
                .isEqualTo(URI.create("wss://lb.example.com/pm/agent?region=eu&rep=ana&team=emea"));
    }

    @Test
    void anAddressThatIsNotAWebSocketIsLeftForTheClientToRefuse() {
        assertThat(AgentAddress.of(URI.create("http://10.0.0.5:8425"), "ana", "emea")).isEqualTo(URI.create("http://10.0.0.5:8425"));
    }
}
