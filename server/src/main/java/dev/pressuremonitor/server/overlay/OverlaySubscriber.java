package dev.pressuremonitor.server.overlay;

/** One overlay client as the hub sees it. {@code send} must not block: the hub calls it from ingest threads. */
public interface OverlaySubscriber {
    /**
     * @param json        the event as sent on the wire
     * @param coalescable true for live metrics, which a newer snapshot may replace if the client lags
     */
    void send(String json, boolean coalescable);
}
