package dev.pressuremonitor.models;

import java.util.List;

/**
 * Per-rep figures over a period, compared with the period just before it ({@code GET /api/team}).
 *
 * @param from epoch ms, inclusive
 * @param to   epoch ms, exclusive
 */
public record TeamReport(long from, long to, String team, List<RepStats> reps, RepStats total) {
    public TeamReport {
        reps = List.copyOf(reps);
    }

    /**
     * @param avgPressureScore          mean of the calls' pressure scores, null without calls
     * @param alertsPerCall             pressure alerts per call by category, chart order
     * @param previousCalls             calls in the period before
     * @param previousAvgPressureScore  the same mean in the period before, null without calls
     * @param pressureTrend             avgPressureScore minus previousAvgPressureScore, null if either is missing
     */
    public record RepStats(String rep, String team, int calls, Double avgPressureScore, Double avgTalkShare,
                           List<CategoryRate> alertsPerCall, int previousCalls, Double previousAvgPressureScore,
                           Double pressureTrend) {
        public RepStats {
            alertsPerCall = List.copyOf(alertsPerCall);
        }
    }

    public record CategoryRate(Category category, double perCall) {}
}
