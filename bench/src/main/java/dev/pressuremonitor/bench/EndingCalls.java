package dev.pressuremonitor.bench;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.calls.CallStore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the summaries of many calls ending together cost, as in each step of {@code LoadTool}: N calls stored
 * interleaved through the store's real writer (E alerts each, decoded from their frames as the server does), then
 * all ended at once; prints, per round, the summaries thread's CPU time per stored event until every summary is
 * saved. Later rounds are the compiled figure. SQLite in a temporary folder.
 *
 * <pre>java -XX:-TieredCompilation -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.EndingCalls [calls] [events] [rounds]</pre>
 */
public final class EndingCalls {
    private static final Reframe R = new Reframe("never-chase", "Never chase; get to the truth about fit.", "What changed?");

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("pm-ending-calls");
        AtomicInteger summarised = new AtomicInteger();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (CallStore store = CallStore.open("jdbc:sqlite:" + dir.resolve("calls.db"))) {
            store.onCallEnded(s -> summarised.incrementAndGet());
            for (int round = 0; round < rounds; round++) {
                String prefix = "round" + round + "-" + Long.toString(System.nanoTime(), 36) + "-";
                long now = System.currentTimeMillis();
                List<CompletableFuture<CallStore.Stored>> pending = new ArrayList<>();
                for (int i = 0; i < calls; i++) pending.add(store.append(new Envelope(prefix + i, 1, now, new CallStarted("rep-" + i, "load", now, false))));
                for (int seq = 2; seq < events + 2; seq++) {
                    for (int i = 0; i < calls; i++) {
                        Alert a = new Alert(Category.CHASE, "chase.load", "just checking in", Severity.MEDIUM, Speaker.REP, seq, seq + 1, true, R);
                        pending.add(store.append(EventCodec.decodeKeepingPayload(EventCodec.encode(new Envelope(prefix + i, seq, now, a)))));
                    }
                    if (pending.size() > 5_000) pending = joined(pending);
                }
                pending = joined(pending);
                int target = summarised.get() + calls;
                long cpu0 = summariesCpu(threads), wall0 = System.nanoTime();
                for (int i = 0; i < calls; i++) pending.add(store.append(new Envelope(prefix + i, events + 2, now, new CallEnded(1, "hangup"))));
                joined(pending);
                while (summarised.get() < target) Thread.sleep(5);
                long cpu = summariesCpu(threads) - cpu0;
                System.out.printf(Locale.ROOT, "round %d: %d calls of %d events ended together: summaries %.3f s CPU (%.2f us per event), all saved in %.2f s%n",
                        round, calls, events, cpu / 1e9, cpu / 1e3 / calls / events, (System.nanoTime() - wall0) / 1e9);
            }
        }
    }

    private static List<CompletableFuture<CallStore.Stored>> joined(List<CompletableFuture<CallStore.Stored>> pending) {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return new ArrayList<>();
    }

    /** CPU time so far of the store's summaries thread (0 before its first summary: it starts then). */
    private static long summariesCpu(ThreadMXBean threads) {
        for (ThreadInfo t : threads.dumpAllThreads(false, false)) {
            if (t.getThreadName().equals("call-summaries")) return threads.getThreadCpuTime(t.getThreadId());
        }
        return 0;
    }
}
