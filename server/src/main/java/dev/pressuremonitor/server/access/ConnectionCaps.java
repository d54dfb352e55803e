package dev.pressuremonitor.server.access;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections in all and per remote address, so that a slowloris or a connection flood from one machine
 * cannot take every descriptor the server has.
 */
public final class ConnectionCaps {
    /** Descriptors kept back from connections: the database, log files, the listening socket, the JVM's own. */
    static final int RESERVED_DESCRIPTORS = 64;

    public enum Verdict { OPEN, SERVER_FULL, ADDRESS_FULL }

    private final int total;
    private final int perAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();

    /** @param maxDescriptors the process's descriptor limit, or -1 when unknown */
    public ConnectionCaps(int total, int perAddress, long maxDescriptors) {
        this.total = maxDescriptors > 0 ? (int) Math.max(1, Math.min(total, maxDescriptors - RESERVED_DESCRIPTORS)) : total;
        this.perAddress = perAddress;
    }

    /** The caps for this process, its descriptor limit read from the operating system where it tells. */
    public static ConnectionCaps forThisProcess(int total, int perAddress) {
        long max = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
        return new ConnectionCaps(total, perAddress, max);
    }

    /** Counts a new connection from {@code from} unless a cap is reached (then nothing is counted). */
    public Verdict tryOpen(InetAddress from) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return Verdict.SERVER_FULL;
        }
        AtomicInteger mine = byAddress.computeIfAbsent(from, a -> new AtomicInteger());
        if (mine.incrementAndGet() > perAddress) {
            mine.decrementAndGet();
            open.decrementAndGet();
            return Verdict.ADDRESS_FULL;
        }
        return Verdict.OPEN;
    }

    /** A connection counted by {@link #tryOpen} has closed. */
    public void closed(InetAddress from) {
        open.decrementAndGet();
        byAddress.computeIfPresent(from, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    public int open() {
        return open.get();
    }

    public int total() {
        return total;
    }

    public int perAddress() {
        return perAddress;
    }
}
