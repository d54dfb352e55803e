package dev.pressuremonitor.models;

import java.util.List;

/**
 * What a report page needs to mark a call ({@code GET /api/calls/{id}/feedback}): its pressure moments by id, its
 * transcript lines when the transcript was kept, and the marks made so far.
 *
 * @param transcriptKept whether the agent kept the words; without them a missed mark can only name a stretch
 */
public record CallFeedback(String callId, double duration, boolean transcriptKept, List<Moment> moments, List<Line> lines,
                           List<FeedbackMark> marks) {
    public CallFeedback {
        Require.nonBlank(callId, "callId");
        moments = List.copyOf(Require.nonNull(moments, "moments"));
        lines = List.copyOf(Require.nonNull(lines, "lines"));
        marks = List.copyOf(Require.nonNull(marks, "marks"));
    }

    /** One pressure alert of the call, by its id (the event seq). */
    public record Moment(long alert, double at, double end, Category category, String rule, String phrase, boolean nudged) {}

    /** One settled transcript line, by its id (the event seq). */
    public record Line(long line, Speaker speaker, double start, double end, String text) {}
}
