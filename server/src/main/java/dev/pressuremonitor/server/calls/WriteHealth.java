package dev.pressuremonitor.server.calls;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Whether the store can write right now, and why not: a full disk, a database locked or busy elsewhere, or
 * another error. Set by each write; the first success after a failure clears it.
 */
public final class WriteHealth {
    /** Why a write failed, as the metrics' {@code reason} tag says it. */
    public enum Reason {
        DISK_FULL("disk-full"), BUSY("busy"), OTHER("error");

        public final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    private record Failure(Reason reason, String message, Instant since) {}

    private volatile Failure failing;
    private final Map<Reason, AtomicLong> failures = new ConcurrentHashMap<>();
    private volatile Consumer<Reason> onFailure = r -> { };

    void onFailure(Consumer<Reason> listener) {
        this.onFailure = listener;
    }

    /** Records a failed write; returns why it failed. */
    Reason failed(SQLException e) {
        Reason r = classify(e);
        Failure was = failing;
        failing = new Failure(r, e.getMessage(), was != null && was.reason() == r ? was.since() : Instant.now());
        failures.computeIfAbsent(r, k -> new AtomicLong()).incrementAndGet();
        onFailure.accept(r);
        return r;
    }

    /** A write went through: whatever failed before is over. Returns whether the store was failing until now. */
    boolean ok() {
        boolean was = failing != null;
        failing = null;
        return was;
    }

    public boolean diskFull() {
        Failure f = failing;
        return f != null && f.reason() == Reason.DISK_FULL;
    }

    public long failures(Reason r) {
        AtomicLong n = failures.get(r);
        return n == null ? 0 : n.get();
    }

    /** "ok", or what is wrong since when and what to do, for /healthz. */
    public String describe() {
        Failure f = failing;
        if (f == null) return "ok";
        return switch (f.reason()) {
            case DISK_FULL -> "disk full since " + f.since() + ": free space on the database's disk (or the PostgreSQL server's); "
                    + "writes resume by themselves";
            case BUSY -> "database busy since " + f.since() + " (" + f.message() + "): another program holds its lock; writes are retried";
            case OTHER -> "cannot write since " + f.since() + ": " + f.message();
        };
    }

    /** SQLite reports a full disk as SQLITE_FULL (13), PostgreSQL as SQLSTATE 53100; a lock as SQLITE_BUSY/LOCKED or 55P03/40P01. */
    static Reason classify(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                String msg = String.valueOf(s.getMessage()).toLowerCase(Locale.ROOT);
                if (state.equals("53100") || msg.contains("sqlite_full") || msg.contains("disk is full") || msg.contains("no space left")) {
                    return Reason.DISK_FULL;
                }
                if (state.equals("55P03") || state.equals("40P01") || msg.contains("sqlite_busy") || msg.contains("sqlite_locked")) {
                    return Reason.BUSY;
                }
            }
            if (t.getCause() == t) break;
        }
        return Reason.OTHER;
    }
}
