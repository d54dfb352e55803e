package dev.pressuremonitor.server.overlay;

/** One overlay client as the hub sees it. {@code send} must not block: the hub calls it from ingest threads. */
public interface OverlaySubscriber {
    /**
     * @param utf8        the event as sent on the wire, in UTF-8: the very bytes an agent sent, shared by every
     *                    subscriber, so never to be changed
     * @param coalescable true for live metrics, which a newer snapshot may replace if the client lags
     */
    void send(byte[] utf8, boolean coalescable);
}
