package dev.pressuremonitor.models;

/** A call ended after {@code duration} seconds; {@code reason} says why (e.g. "hangup", "end-of-input"). */
public record CallEnded(double duration, String reason) implements Event {
    public CallEnded {
        Require.callTime(duration, "duration");
        Require.nonBlank(reason, "reason");
    }
}
