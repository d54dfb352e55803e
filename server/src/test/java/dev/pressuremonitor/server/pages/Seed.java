package dev.pressuremonitor.server.pages;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.PressureServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Calls put into a test server the way an agent sends them, for page tests. */
public final class Seed {
    private static final AtomicLong SEQ = new AtomicLong();

    private Seed() {}

    /** One event of a call, acknowledged. */
    public static void send(PressureServer server, String callId, Event e) {
        String json = EventCodec.encode(new Envelope(callId, SEQ.incrementAndGet(), System.currentTimeMillis(), e));
        assertThat(server.ingest().ingest(json).join().isAck()).as("the server takes " + e).isTrue();
    }

    /** A whole call, started for {@code rep}, then {@code events} (ending with call_ended); returns once it is summarised. */
    public static void endedCall(PressureServer server, String callId, String rep, String team, long startedAt, List<Event> events) {
        List<Event> all = new ArrayList<>();
        all.add(new CallStarted(rep, team, startedAt, true));
        all.addAll(events);
        all.forEach(e -> send(server, callId, e));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.store().summary(callId).map(s -> s.ended()).orElse(false));
    }
}
