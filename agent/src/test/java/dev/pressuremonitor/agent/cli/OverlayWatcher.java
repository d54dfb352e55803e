package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the overlay page does, without the page: one WebSocket to /ws/overlay that reconnects 200 ms after it is
 * closed or cannot connect, keeping every event it was sent.
 */
final class OverlayWatcher implements AutoCloseable {
    private final URI address;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "overlay-watcher");
        t.setDaemon(true);
        return t;
    });
    final List<Envelope> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;
    private volatile WebSocket socket;

    OverlayWatcher(URI address) {
        this.address = address;
        connect();
    }

    private void connect() {
        if (closed) return;
        http.newWebSocketBuilder().buildAsync(address, new Listener()).whenComplete((ws, err) -> {
            if (err != null) later();
            else socket = ws;
        });
    }

    private void later() {
        if (!closed) retry.schedule(this::connect, 200, TimeUnit.MILLISECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            opened.incrementAndGet();
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    seen.add(EventCodec.decode(text.toString()));
                } catch (DecodeException e) {
                    throw new IllegalStateException("the server sent an overlay something that is not an event: " + text, e);
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            later();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            later();
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) ws.abort();
        retry.shutdownNow();
    }
}
