package dev.pressuremonitor.server.access;

import dev.pressuremonitor.models.AgentReply;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Real WebSocket clients (the JDK's, which answer every ping with a pong, as browsers do) for tests over sockets. */
public final class Clients {
    public static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A connected socket that queues what it receives, and the close it got. */
    public static final class Socket implements WebSocket.Listener {
        public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        public final CompletableFuture<String> closed = new CompletableFuture<>(); // "code reason"
        public final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
        public WebSocket ws;
        private final StringBuilder part = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                texts.add(part.toString());
                part.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket w, java.nio.ByteBuffer message) {
            pings.incrementAndGet();
            w.request(1);
            return null; // the JDK client answers with a pong by itself
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            closed.complete("error " + error);
        }

        public AgentReply send(String text) throws Exception {
            ws.sendText(text, true).get(10, TimeUnit.SECONDS);
            String reply = texts.poll(10, TimeUnit.SECONDS);
            if (reply == null) throw new AssertionError("no reply to " + text);
            return AgentReply.parse(reply);
        }

        public void fire(String text) {
            ws.sendText(text, true);
        }
    }

    public static Socket connect(int port, String pathAndQuery, String token, String origin) {
        Socket s = new Socket();
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (origin != null) b.header("Origin", origin);
        s.ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), s).join();
        return s;
    }

    /** The HTTP status a refused handshake got, with its body. */
    public static String refusal(int port, String pathAndQuery, String token, String origin) {
        try {
            connect(port, pathAndQuery, token, origin);
            return "accepted";
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode() + " " + h.getResponse().body();
            }
            throw e;
        }
    }

    /** GET over loopback with the token as a bearer header (none when {@code token} is null). */
    public static java.net.http.HttpResponse<String> get(int port, String path, String token) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** POST over loopback with the token as a bearer header, and an Origin header unless {@code origin} is null. */
    public static java.net.http.HttpResponse<String> post(int port, String path, String token, String contentType, String origin, String body) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) b.header("Origin", origin);
        return HTTP.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** An event as an agent sends it, stamped now. */
    public static String event(String callId, long seq, dev.pressuremonitor.models.Event e) {
        return dev.pressuremonitor.models.EventCodec.encode(new dev.pressuremonitor.models.Envelope(callId, seq, System.currentTimeMillis(), e));
    }
}
