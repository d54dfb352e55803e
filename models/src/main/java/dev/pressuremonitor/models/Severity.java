package dev.pressuremonitor.models;

/** How strongly an alert should be shown; the alert policy filters by it. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH
}
