package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The addresses run and server print must open in a browser as printed. */
class BindOptionsTest {
    static String shown(String host) {
        BindOptions b = new BindOptions();
        b.host = host;
        return b.shownHost();
    }

    @Test
    void anIpv6AddressIsPrintedInBrackets() {
        assertThat(shown("::1")).isEqualTo("[::1]");
        assertThat(shown("fd00::2")).isEqualTo("[fd00::2]");
    }

    @Test
    void aWildcardIsPrintedAsThisMachinesLoopback() {
        assertThat(shown("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(shown("::")).isEqualTo("127.0.0.1");
    }

    @Test
    void anIpv4AddressOrNameIsPrintedAsGiven() {
        assertThat(shown("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(shown("team-host")).isEqualTo("team-host");
    }
}
