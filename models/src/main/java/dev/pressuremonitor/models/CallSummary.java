package dev.pressuremonitor.models;

import java.util.List;

/**
 * The calm report after a call (or so far, for a call in progress).
 *
 * @param duration           seconds
 * @param repTalkShare       null without the prospect's channel
 * @param objectionPauses    seconds the rep waited before answering each objection, in order
 * @param alertCounts        pressure alerts per category, chart order, zero counts included
 * @param timeline           the call in equal buckets, for the pressure-and-talk chart
 * @param pressureScore      0-100: the time-weighted mean of the live pressure gauge over the call
 * @param coaching           the (up to) three points that matter most for this call, most important first
 */
public record CallSummary(String callId, String rep, String team, long startedAt, Long endedAt, boolean ended,
                          double duration, Double repTalkShare, double longestMonologue, double longestMonologueAt,
                          double wordsPerMinute, int openQuestions, int closedQuestions, int interruptions,
                          List<Double> objectionPauses, List<CategoryCount> alertCounts, List<AlertMoment> alerts,
                          List<TrustMoment> trustSignals, List<TimelineBucket> timeline, int pressureScore,
                          List<CoachingPoint> coaching) {
    public CallSummary {
        Require.nonBlank(callId, "callId");
        Require.nonNull(rep, "rep");
        Require.nonNull(team, "team");
        objectionPauses = List.copyOf(Require.nonNull(objectionPauses, "objectionPauses"));
        alertCounts = List.copyOf(Require.nonNull(alertCounts, "alertCounts"));
        alerts = List.copyOf(Require.nonNull(alerts, "alerts"));
        trustSignals = List.copyOf(Require.nonNull(trustSignals, "trustSignals"));
        timeline = List.copyOf(Require.nonNull(timeline, "timeline"));
        coaching = List.copyOf(Require.nonNull(coaching, "coaching"));
    }

    public record CategoryCount(Category category, int count) {}

    /** One pressure moment: when (seconds into the call), what was said, and how it was shown. */
    public record AlertMoment(double at, Category category, String rule, String phrase, Severity severity, boolean nudged) {}

    public record TrustMoment(double at, String rule, String phrase) {}

    /**
     * @param pressure     highest gauge reading in the bucket
     * @param repTalkShare talk share at the end of the bucket, null without the prospect's channel
     * @param alerts       pressure alerts that started in the bucket
     */
    public record TimelineBucket(double from, double to, int pressure, Double repTalkShare, int alerts) {}

    /**
     * @param shift id of the mindset-chart line this point is about
     * @param trust that line's trust belief
     * @param at    the moment it happened, seconds into the call
     * @param quote the rep's words at that moment, when there were any
     * @param ask   a question to ask instead next time, in the rep's own voice; null when there is none
     */
    public record CoachingPoint(String title, String detail, String shift, String trust, double at, String quote, String ask) {}
}
