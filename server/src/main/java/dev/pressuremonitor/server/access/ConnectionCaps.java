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
    /**
     * Descriptors kept back from connections beyond those open when the caps are made: the database pool growing,
     * jars and log files opened later, and the connections being refused (each holds a descriptor until closed).
     */
    static final int RESERVED_DESCRIPTORS = 64;

    public enum Verdict { OPEN, SERVER_FULL, ADDRESS_FULL }

    private final int total;
    private final int perAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();

    /** @param spareDescriptors descriptors the process may still open (its limit less those open now), or -1 when unknown */
    public ConnectionCaps(int total, int perAddress, long spareDescriptors) {
        this.total = spareDescriptors >= 0 ? (int) Math.max(1, Math.min(total, spareDescriptors - RESERVED_DESCRIPTORS)) : total;
        this.perAddress = perAddress;
    }

    /**
     * The caps for this process, from the descriptors it may still open as the operating system tells (its limit
     * less those already open: a JVM holds many, its jars among them). Made once the server has opened its
     * database and event loops, so that what is left is what connections may take.
     */
    public static ConnectionCaps forThisProcess(int total, int perAddress) {
        long spare = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                && unix.getMaxFileDescriptorCount() > 0 ? unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() : -1;
        return new ConnectionCaps(total, perAddress, spare);
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
