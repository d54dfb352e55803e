package dev.pressuremonitor.models;

/**
 * What the overlay offers instead of the pressure it just heard.
 *
 * @param shift id of the mindset-chart line (see seeds/mindset.json), e.g. "never-chase"
 * @param trust the new-mindset line itself, so a client needs no chart to show it
 * @param ask   a concrete question the rep can ask instead
 */
public record Reframe(String shift, String trust, String ask) {
    public Reframe {
        Require.nonBlank(shift, "shift");
        Require.nonBlank(trust, "trust");
        Require.nonBlank(ask, "ask");
    }
}
