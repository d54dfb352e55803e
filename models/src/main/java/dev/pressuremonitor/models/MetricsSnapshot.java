package dev.pressuremonitor.models;

import java.util.List;

/**
 * Live conversation metrics at one moment of the call.
 *
 * @param at                  seconds after call start
 * @param repTalkShare        rep talk time / all talk time, 0..1; null without a prospect channel
 * @param currentMonologue    seconds the rep has been talking without the prospect taking a turn
 * @param longestMonologue    longest such stretch so far, seconds
 * @param longestMonologueAt  when that stretch started, seconds after call start
 * @param wordsPerMinute      rep pace over the last minute of rep speech
 * @param lastObjectionPause  seconds between the prospect's last objection and the rep's answer; null if none yet
 * @param pressureIndex       rolling 0..100 gauge
 * @param warnings            short codes of metric thresholds crossed right now, e.g. "talk-share-high"
 */
public record MetricsSnapshot(double at, Double repTalkShare, double currentMonologue, double longestMonologue,
                              double longestMonologueAt, double wordsPerMinute, int openQuestions,
                              int closedQuestions, int interruptions, Double lastObjectionPause,
                              int pressureIndex, List<String> warnings) implements Event {
    public MetricsSnapshot {
        Require.callTime(at, "at");
        if (repTalkShare != null && !(repTalkShare >= 0 && repTalkShare <= 1)) {
            throw new IllegalArgumentException("field 'repTalkShare' must be within 0..1, was " + repTalkShare);
        }
        Require.callTime(currentMonologue, "currentMonologue");
        Require.callTime(longestMonologue, "longestMonologue");
        Require.nonNegative(wordsPerMinute, "wordsPerMinute");
        if (pressureIndex < 0 || pressureIndex > 100) {
            throw new IllegalArgumentException("field 'pressureIndex' must be within 0..100, was " + pressureIndex);
        }
        warnings = List.copyOf(Require.nonNull(warnings, "warnings"));
    }
}
