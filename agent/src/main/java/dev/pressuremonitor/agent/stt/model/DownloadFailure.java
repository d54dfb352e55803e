package dev.pressuremonitor.agent.stt.model;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Why a download attempt failed, in plain words. Java's HTTP client reports an unknown host and a refused
 * connection alike as a {@code ConnectException} with no message (users saw "(null)"); the real reason is further
 * down the chain of causes.
 */
public final class DownloadFailure {
    private DownloadFailure() {
    }

    /** A transfer that began and then stopped; its message is already in plain words. */
    static final class Stopped extends IOException {
        Stopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Why a request to {@code url} failed: the host, and what went wrong with it. */
    public static String describe(Throwable e, URI url, Duration connectTimeout, Duration answerTimeout) {
        String host = url.getHost();
        if (find(e, Stopped.class) instanceof Stopped s) return s.getMessage();
        if (find(e, UnresolvedAddressException.class) != null || find(e, UnknownHostException.class) != null) {
            return "cannot resolve host " + host;
        }
        if (find(e, HttpConnectTimeoutException.class) != null) return "no connection to " + host + " within " + seconds(connectTimeout);
        if (find(e, HttpTimeoutException.class) != null) return host + " accepted the connection but sent no answer within " + seconds(answerTimeout);
        if (find(e, SSLException.class) instanceof SSLException s) {
            return "TLS failure talking to " + host + " (" + s.getMessage() + "; a proxy or firewall may be intercepting HTTPS)";
        }
        if (find(e, ConnectException.class) != null) return "connection refused by " + host + ":" + port(url);
        if (find(e, EOFException.class) != null) return host + " closed the connection without answering";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) return t.getMessage();
        }
        return e.getClass().getSimpleName();
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static int port(URI url) {
        if (url.getPort() > 0) return url.getPort();
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static Throwable find(Throwable e, Class<?> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return t;
        }
        return null;
    }
}
