package dev.pressuremonitor.server.calls;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Might the database hold this call?": never a wrong "no", rarely a wrong "maybe", and little memory per call. */
class KnownCallsTest {
    private static String id(int i) {
        return "call-" + Integer.toString(i * 7919, 36) + "-" + i;
    }

    @Test
    void aCallNeverAddedIsCertainlyNotHeld() {
        KnownCalls known = new KnownCalls();
        assertThat(known.mayHold("call-1")).isFalse();
        known.add("call-1");
        assertThat(known.mayHold("call-1")).isTrue();
        assertThat(known.mayHold("call-2")).isFalse();
    }

    @Test
    void everyCallAddedIsMaybeHeldLongAfterTheFirstFilterFilled() {
        KnownCalls known = new KnownCalls(100);
        for (int i = 0; i < 20_000; i++) known.add(id(i));
        assertThat(known.filters()).as("filters of 100, 200, 400, ... ids").isBetween(7, 8);
        for (int i = 0; i < 20_000; i++) assertThat(known.mayHold(id(i))).as(id(i)).isTrue();
    }

    @Test
    void wrongMaybesStayRareHoweverManyFiltersFill() {
        KnownCalls known = new KnownCalls(1_000);
        for (int i = 0; i < 200_000; i++) known.add(id(i));
        long wrong = IntStream.range(200_000, 400_000).filter(i -> known.mayHold(id(i))).count();
        assertThat(known.filters()).isGreaterThan(5);
        assertThat(wrong / 200_000.0).as("the rates add up to at most twice the first filter's 1%").isLessThan(0.025);
    }

    @Test
    void aMillionCallsTakeAFewMegabytesNotAHundred() {
        KnownCalls known = new KnownCalls();
        for (int i = 0; i < 1_000_000; i++) known.add(id(i));
        assertThat(known.bytes()).as("a set of the ids took about 100 bytes per call").isLessThan(5_000_000);
        assertThat(known.mayHold(id(999_999))).isTrue();
    }

    @Test
    void callsAddedFromManyThreadsAtOnceAreAllHeld() {
        KnownCalls known = new KnownCalls(500);
        List<CompletableFuture<Void>> adders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int from = t * 25_000;
            adders.add(CompletableFuture.runAsync(() -> {
                for (int i = from; i < from + 25_000; i++) known.add(id(i));
            }));
        }
        adders.forEach(CompletableFuture::join);
        for (int i = 0; i < 100_000; i++) assertThat(known.mayHold(id(i))).as(id(i)).isTrue();
    }

    @Test
    void aFilterMustHoldAtLeastOneCall() {
        assertThatThrownBy(() -> new KnownCalls(0)).hasMessageContaining("at least one");
    }
}
