package dev.pressuremonitor.models;

/**
 * Where conversation metrics turn into warnings. Defaults come from published research on sales calls: reps who
 * talk about 43% of the time win most and above 65% convert worse; a company pitch past about two minutes
 * lowers win rates; comfortable pace is 100-165 words a minute; discovery calls that win ask 11-14 questions.
 */
public record MetricsThresholds(double talkShareWarn, double talkShareTarget, double monologueWarnSeconds,
                                double wpmMin, double wpmMax, int questionsMin, int questionsMax) {
    public static MetricsThresholds research() {
        return new MetricsThresholds(0.65, 0.43, 120, 100, 165, 11, 14);
    }
}
