package dev.pressuremonitor.server.access;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DNS rebinding: a page on {@code rebind.evil} whose name is made to resolve to 127.0.0.1 reaches a local server
 * as "same origin", but its requests still say {@code Host: rebind.evil}. A server without tokens answers only the
 * names this machine's loopback and its own bound address go by, and those allowed by name.
 */
public final class HostCheck {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private final Set<String> names = new HashSet<>();

    public HostCheck(String boundHost, List<String> allowed) {
        names.add("localhost");
        names.add("[::1]");
        names.add(bracketed(boundHost));
        for (String a : allowed) names.add(bracketed(a));
    }

    private static String bracketed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    /** True when a request with this Host header may be answered; a request without one is not a browser's. */
    public boolean allows(String hostHeader) {
        if (hostHeader == null) return true;
        String name = name(hostHeader);
        return names.contains(name) || IPV4_LOOPBACK.matcher(name).matches();
    }

    /** The name part of a Host header: no port, lower case, brackets kept around an IPv6 address. */
    static String name(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
