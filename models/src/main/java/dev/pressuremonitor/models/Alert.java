package dev.pressuremonitor.models;

/**
 * Pressure heard in the rep's words.
 *
 * @param rule   id of the rule that matched
 * @param phrase the words that matched, as heard
 * @param start  seconds after call start of the first matched word
 * @param end    seconds after call start of the last matched word
 * @param nudge  whether the alert policy chose to show it live; suppressed alerts still count in summaries
 */
public record Alert(Category category, String rule, String phrase, Severity severity, Speaker speaker,
                    double start, double end, boolean nudge, Reframe reframe) implements Event {
    public Alert {
        Require.pressure(category, "category");
        Require.nonBlank(rule, "rule");
        Require.nonBlank(phrase, "phrase");
        Require.nonNull(severity, "severity");
        Require.nonNull(speaker, "speaker");
        Require.callTime(start, "start");
        Require.callTime(end, "end");
        Require.nonNull(reframe, "reframe");
    }

    public Alert withNudge(boolean nudge) {
        return new Alert(category, rule, phrase, severity, speaker, start, end, nudge, reframe);
    }
}
