package dev.pressuremonitor.agent.cli;

import picocli.CommandLine.Option;

/** Where the server listens: shared by {@code run} and {@code server}. */
final class BindOptions {
    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8425", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one and prints it).")
    int port;

    boolean loopback() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    /**
     * The host as it goes into a URL a user opens: 0.0.0.0 is where we listen, not where a browser should go, and
     * an IPv6 address needs brackets (http://[::1]:8425/, not http://::1:8425/).
     */
    String shownHost() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }
}
