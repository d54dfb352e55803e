package dev.pressuremonitor.server.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Host headers a server without tokens answers (DnsRebindingTest does the same over real sockets). */
class HostCheckTest {
    @Test
    void aRequestWithoutAHostHeaderIsNoBrowsersAndIsAnswered() {
        assertThat(new HostCheck("127.0.0.1", List.of()).allows(null)).isTrue();
    }

    @Test
    void anIpv6AddressAllowedByNameIsAnsweredWithItsPort() {
        HostCheck check = new HostCheck("127.0.0.1", List.of("FD00::5"));
        assertThat(check.allows("[fd00::5]:8425")).isTrue();
        assertThat(check.allows("[fd00::6]:8425")).isFalse();
    }

    @Test
    void aServerBoundToAnIpv6AddressAnswersThatAddress() {
        assertThat(new HostCheck("fd00::7", List.of()).allows("[fd00::7]")).isTrue();
    }
}
