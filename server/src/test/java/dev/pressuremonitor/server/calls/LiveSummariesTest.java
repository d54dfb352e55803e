package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.MindsetChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Viewers of a long call in progress: the server reads each event once, not the whole call on every reload. */
class LiveSummariesTest {
    static final int EVENTS = 5_000;

    @TempDir
    Path dir;
    CallStore store;
    Database db;

    @BeforeEach
    void longCallInProgress() {
        store = CallStore.open("jdbc:sqlite:" + dir.resolve("calls.db"));
        append(1, new CallStarted("ana", "emea", 1000, false));
        List<CompletableFuture<CallStore.Stored>> all = new ArrayList<>();
        for (int i = 2; i <= EVENTS; i++) all.add(appendAsync(i, metrics(i)));
        all.forEach(CompletableFuture::join);
        db = Database.open("jdbc:sqlite:" + dir.resolve("calls.db"), null);
    }

    @AfterEach
    void close() {
        db.close();
        store.close();
    }

    static MetricsSnapshot metrics(double at) {
        return new MetricsSnapshot(at, null, 0, 0, 0, 0, 0, 0, 0, null, 10, List.of());
    }

    CompletableFuture<CallStore.Stored> appendAsync(long seq, dev.pressuremonitor.models.Event e) {
        Envelope env = new Envelope("long", seq, 1, e);
        return store.append(env);
    }

    void append(long seq, dev.pressuremonitor.models.Event e) {
        appendAsync(seq, e).join();
    }

    LiveSummaries live(Duration fresh) {
        return new LiveSummaries(new CallReader(db), new SummaryBuilder(MindsetChart.standard()), fresh);
    }

    @Test
    void aReloadReadsOnlyTheEventsThatCameSince() throws Exception {
        LiveSummaries live = live(Duration.ZERO);
        assertThat(live.summary("long").duration()).isEqualTo(EVENTS);
        assertThat(live.eventsRead()).isEqualTo(EVENTS);
        live.summary("long");
        assertThat(live.eventsRead()).as("nothing new, nothing read").isEqualTo(EVENTS);
        append(EVENTS + 1, metrics(EVENTS + 1));
        assertThat(live.summary("long").duration()).isEqualTo(EVENTS + 1);
        assertThat(live.eventsRead()).isEqualTo(EVENTS + 1);
    }

    @Test
    void manyViewersAtOnceCostOneRead() throws Exception {
        LiveSummaries live = live(Duration.ofMinutes(5));
        ExecutorService viewers = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            done.add(viewers.submit(() -> {
                go.await();
                return live.summary("long");
            }));
        }
        go.countDown();
        for (var f : done) f.get();
        viewers.shutdown();
        assertThat(live.eventsRead()).isEqualTo(EVENTS);
    }
}
