package dev.pressuremonitor.server.access;

import com.sun.management.UnixOperatingSystemMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    @Test
    void aProcessWithNoDescriptorsToSpareStillTakesOneConnection() {
        assertThat(new ConnectionCaps(100, 10, 0).total()).isEqualTo(1);
        assertThat(new ConnectionCaps(100, 10, -1).total()).as("spare descriptors unknown: the configured cap").isEqualTo(100);
    }

    @Test
    void theCapsOfThisProcessLeaveTheDescriptorsItHoldsAndAReserveAlone() {
        assumeTrue(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean);
        UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long max = os.getMaxFileDescriptorCount();
        long openBefore = os.getOpenFileDescriptorCount();
        ConnectionCaps caps = ConnectionCaps.forThisProcess(Integer.MAX_VALUE, 7);
        long openAfter = os.getOpenFileDescriptorCount();
        // a few descriptors may come and go around the call (class loading, the JIT): allow for them, no more
        assertThat((long) caps.total()).isBetween(max - Math.max(openBefore, openAfter) - ConnectionCaps.RESERVED_DESCRIPTORS - 8,
                max - Math.min(openBefore, openAfter) - ConnectionCaps.RESERVED_DESCRIPTORS + 8);
        assertThat(caps.perAddress()).isEqualTo(7);
    }

    @Test
    void anAddressWhoseConnectionsCloseOneByOneKeepsCountingTheOthers() {
        ConnectionCaps caps = new ConnectionCaps(100, 2, -1);
        assertThat(caps.tryOpen(A)).isEqualTo(ConnectionCaps.Verdict.OPEN);
        assertThat(caps.tryOpen(A)).isEqualTo(ConnectionCaps.Verdict.OPEN);
        caps.closed(A);
        assertThat(caps.tryOpen(A)).isEqualTo(ConnectionCaps.Verdict.OPEN);
        assertThat(caps.tryOpen(A)).as("two still open").isEqualTo(ConnectionCaps.Verdict.ADDRESS_FULL);
    }
}
