package dev.pressuremonitor.models;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every field an event needs is checked where the event is made, and the refusal names the field to fix. */
class InvalidEventsTest {
    private static final Reframe R = new Reframe("never-chase", "Never chase.", "What changed?");

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("an alert without its rule", () -> new Alert(Category.CHASE, " ", "p", Severity.LOW, Speaker.REP, 0, 1, true, R), "field 'rule' must not be blank"),
                refused("an alert without its phrase", () -> new Alert(Category.CHASE, "r", "", Severity.LOW, Speaker.REP, 0, 1, true, R), "field 'phrase' must not be blank"),
                refused("an alert starting before the call", () -> new Alert(Category.CHASE, "r", "p", Severity.LOW, Speaker.REP, -1, 1, true, R), "field 'start' must be >= 0, was -1.0"),
                refused("an alert ending before the call", () -> new Alert(Category.CHASE, "r", "p", Severity.LOW, Speaker.REP, 0, -1, true, R), "field 'end' must be >= 0, was -1.0"),
                refused("an alert without its reframe", () -> new Alert(Category.CHASE, "r", "p", Severity.LOW, Speaker.REP, 0, 1, true, null), "missing field 'reframe'"),
                refused("a call ended after negative time", () -> new CallEnded(-1, "hangup"), "field 'duration' must be >= 0, was -1.0"),
                refused("a call ended without a reason", () -> new CallEnded(1, " "), "field 'reason' must not be blank"),
                refused("a trust signal without its rule", () -> new TrustSignal("", "p", 0, 1), "field 'rule' must not be blank"),
                refused("a trust signal without its phrase", () -> new TrustSignal("r", " ", 0, 1), "field 'phrase' must not be blank"),
                refused("a trust signal before the call", () -> new TrustSignal("r", "p", -2, 1), "field 'start' must be >= 0, was -2.0"),
                refused("a trust signal ending before the call", () -> new TrustSignal("r", "p", 0, Double.NEGATIVE_INFINITY), "field 'end' must be a finite number"),
                refused("a reframe without its shift", () -> new Reframe(" ", "t", "a"), "field 'shift' must not be blank"),
                refused("a reframe without its trust line", () -> new Reframe("s", "", "a"), "field 'trust' must not be blank"),
                refused("a reframe without its question", () -> new Reframe("s", "t", " "), "field 'ask' must not be blank"),
                refused("a shift without its id", () -> new Shift("", "p", "t"), "field 'id' must not be blank"),
                refused("a shift without its pressure line", () -> new Shift("s", " ", "t"), "field 'pressure' must not be blank"),
                refused("a shift without its trust line", () -> new Shift("s", "p", ""), "field 'trust' must not be blank"),
                refused("metrics with a negative monologue", () -> new MetricsSnapshot(0, null, -1, 0, 0, 0, 0, 0, 0, null, 0, List.of()), "field 'currentMonologue' must be >= 0, was -1.0"),
                refused("metrics with a negative longest monologue", () -> new MetricsSnapshot(0, null, 0, -1, 0, 0, 0, 0, 0, null, 0, List.of()), "field 'longestMonologue' must be >= 0, was -1.0"),
                refused("metrics with a negative pace", () -> new MetricsSnapshot(0, null, 0, 0, 0, -1, 0, 0, 0, null, 0, List.of()), "field 'wordsPerMinute' must be >= 0, was -1.0"),
                refused("a word at an infinite time", () -> new Word("hi", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1), "field 'start' must be a finite number"),
                refused("an envelope without a call id", () -> new Envelope(" ", 1, 0, new CallEnded(1, "x")), "field 'callId' must not be blank"),
                refused("a summary without a call id", () -> new CallSummary(" ", "ana", "", 0, null, false, 0, null, 0, 0, 0, 0, 0, 0,
                        List.of(), List.of(), List.of(), List.of(), List.of(), 0, List.of()), "field 'callId' must not be blank"));
    }

    private static Arguments refused(String what, ThrowingCallable make, String message) {
        return arguments(what, make, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedNamingTheField(String what, ThrowingCallable make, String message) {
        assertThatThrownBy(make).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
