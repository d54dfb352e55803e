package dev.pressuremonitor.models;

/** Trust-building words from the rep (an open question, a validated objection, a fit check, a permission ask). */
public record TrustSignal(String rule, String phrase, double start, double end) implements Event {
    public TrustSignal {
        Require.nonBlank(rule, "rule");
        Require.nonBlank(phrase, "phrase");
        Require.callTime(start, "start");
        Require.callTime(end, "end");
    }
}
