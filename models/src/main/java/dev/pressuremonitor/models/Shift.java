package dev.pressuremonitor.models;

/** One line of the mindset chart: the old pressure belief and the trust belief that replaces it. */
public record Shift(String id, String pressure, String trust) {
    public Shift {
        Require.nonBlank(id, "id");
        Require.nonBlank(pressure, "pressure");
        Require.nonBlank(trust, "trust");
    }
}
