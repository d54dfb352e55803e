package dev.pressuremonitor.server.overlay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundBufferTest {

    private static byte[] utf8(String m) {
        return m.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> drain(OutboundBuffer b) {
        List<String> out = new ArrayList<>();
        for (byte[] m; (m = b.poll()) != null; ) out.add(new String(m, java.nio.charset.StandardCharsets.UTF_8));
        return out;
    }

    @Test
    void keepsMessagesInOrderWithTheNewestMetricsLast() {
        OutboundBuffer b = new OutboundBuffer(10);
        b.offer(utf8("alert-1"), false);
        b.offer(utf8("metrics-1"), true);
        b.offer(utf8("alert-2"), false);
        b.offer(utf8("metrics-2"), true);
        assertThat(drain(b)).containsExactly("alert-1", "alert-2", "metrics-2");
        assertThat(b.dropped()).as("metrics-1 was superseded").isEqualTo(1);
    }

    @Test
    void aStalledClientLosesItsOldestMessagesNotMemory() {
        OutboundBuffer b = new OutboundBuffer(3);
        for (int i = 1; i <= 1000; i++) b.offer(utf8("alert-" + i), false);
        assertThat(b.size()).isEqualTo(3);
        assertThat(drain(b)).containsExactly("alert-998", "alert-999", "alert-1000");
        assertThat(b.dropped()).isEqualTo(997);
    }
}
