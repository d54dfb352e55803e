package dev.pressuremonitor.models;

/** The payload of an {@link Envelope}: one thing that happened on a call. */
public sealed interface Event permits CallStarted, TranscriptSegment, Alert, TrustSignal, MetricsSnapshot, CallEnded {
}
