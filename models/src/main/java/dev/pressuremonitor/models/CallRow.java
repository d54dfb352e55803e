package dev.pressuremonitor.models;

/**
 * One call in a list ({@code GET /api/calls}).
 *
 * @param endedAt       epoch ms, null while the call is in progress
 * @param pressureScore null until the call has a summary
 * @param repTalkShare  null without the prospect's channel or before the summary
 */
public record CallRow(String callId, String rep, String team, long startedAt, Long endedAt, Double duration,
                      Integer pressureScore, Double repTalkShare) {
}
