package dev.pressuremonitor.models;

/**
 * A call began.
 *
 * @param startedAt       wall-clock start, epoch milliseconds; all event times are seconds after it
 * @param prospectChannel whether the agent also hears the prospect (talk share, interruptions and
 *                        objection pauses need it)
 */
public record CallStarted(String rep, String team, long startedAt, boolean prospectChannel) implements Event {
    public CallStarted {
        Require.nonBlank(rep, "rep");
        Require.nonNull(team, "team");
        if (startedAt < 0) throw new IllegalArgumentException("field 'startedAt' must be >= 0, was " + startedAt);
    }
}
