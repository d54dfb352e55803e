package dev.pressuremonitor.server.access;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionCapsTest {
    static final InetAddress A = InetAddress.getLoopbackAddress();

    @Test
    void aServerWithFewSpareDescriptorsKeepsSomeBackForItsDatabase() {
        ConnectionCaps caps = new ConnectionCaps(10_000, 256, 300);
        assertThat(caps.total()).isEqualTo(300 - ConnectionCaps.RESERVED_DESCRIPTORS);
        for (int i = 0; i < caps.total(); i++) assertThat(caps.tryOpen(A)).isEqualTo(ConnectionCaps.Verdict.OPEN);
        assertThat(caps.tryOpen(A)).isEqualTo(ConnectionCaps.Verdict.SERVER_FULL);
    }

    @Test
    void aClosedConnectionMakesRoomAgain() throws Exception {
        ConnectionCaps caps = new ConnectionCaps(100, 1, -1);
        InetAddress b = InetAddress.getByName("127.0.0.2");
        assertThat(caps.tryOpen(A)).isEqualTo(ConnectionCaps.Verdict.OPEN);
        assertThat(caps.tryOpen(A)).isEqualTo(ConnectionCaps.Verdict.ADDRESS_FULL);
        assertThat(caps.tryOpen(b)).isEqualTo(ConnectionCaps.Verdict.OPEN);
        caps.closed(A);
        assertThat(caps.tryOpen(A)).isEqualTo(ConnectionCaps.Verdict.OPEN);
        assertThat(caps.open()).isEqualTo(2);
    }
}
