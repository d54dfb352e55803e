package dev.pressuremonitor.server.calls;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallRow;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventType;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.TeamReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Calls in a SQL database through JDBC: SQLite (a file, WAL mode) for one rep, PostgreSQL for a team; one schema,
 * one code path. Writes go through a single writer thread that commits in batches and completes each event's
 * future only once it is durable, so an acknowledged event survives a crash. Appends are idempotent on
 * (callId, seq).
 */
public final class CallStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallStore.class);
    static final int MAX_BATCH = 500;

    private final HikariDataSource pool;
    private final boolean sqlite;
    private final Path deleteOnClose;
    private final SummaryBuilder summaries = new SummaryBuilder(MindsetChart.standard());
    private final BlockingQueue<Pending> writes = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile Consumer<CallSummary> onCallEnded = s -> { };
    /** Every call id the database holds, so a new call costs no query on the network thread. */
    private final java.util.Set<String> knownCalls = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** What an append did: stored a new event, found the very same event already stored, or found its seq used by another. */
    public enum Stored { NEW, DUPLICATE, CONFLICT }

    private record Pending(Envelope envelope, String json, CompletableFuture<Stored> done) {}

    private static final Pending STOP = new Pending(null, null, null);

    private CallStore(HikariDataSource pool, boolean sqlite, Path deleteOnClose) throws SQLException {
        this.pool = pool;
        this.sqlite = sqlite;
        this.deleteOnClose = deleteOnClose;
        try (Connection c = pool.getConnection()) {
            int applied = Migrations.apply(c);
            if (applied > 0) log.info("applied {} schema migration(s)", applied);
            try (var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT call_id FROM calls")) {
                while (r.next()) knownCalls.add(r.getString(1));
            }
        }
        writer = new Thread(this::writeLoop, "call-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens the database at {@code url}: {@code jdbc:sqlite:/path/file.db} or {@code jdbc:postgresql://host/db?user=..}.
     * Errors say what to check.
     */
    public static CallStore open(String url) {
        return open(url, null);
    }

    /** A throwaway SQLite file, deleted on close: for tests and for servers run without a data folder. */
    public static CallStore temporary() {
        try {
            Path f = Files.createTempFile("pressure-monitor-", ".db");
            return open("jdbc:sqlite:" + f, f);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary database: " + e.getMessage(), e);
        }
    }

    private static CallStore open(String url, Path deleteOnClose) {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        if (!sqlite && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db must be jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB?user=..., was " + url);
        }
        if (sqlite) {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()));
            try {
                if (file.getParent() != null) Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create the data folder " + file.getParent() + ": " + e.getMessage(), e);
            }
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setPoolName("calls");
        cfg.setMaximumPoolSize(sqlite ? 4 : 8);
        cfg.setMinimumIdle(1);
        cfg.setInitializationFailTimeout(10_000);
        if (sqlite) cfg.setConnectionInitSql("PRAGMA busy_timeout = 5000");
        try {
            HikariDataSource pool = new HikariDataSource(cfg);
            if (sqlite) {
                try (Connection c = pool.getConnection(); var s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA synchronous = NORMAL");
                }
            }
            return new CallStore(pool, sqlite, deleteOnClose);
        } catch (SQLException | RuntimeException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException("cannot open the database " + redact(url) + " (" + why + "): check --db, the server and its credentials", e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** Called on the writer thread with the summary of each call whose call_ended was just stored. */
    public void onCallEnded(Consumer<CallSummary> listener) {
        this.onCallEnded = listener;
    }

    /** Queues the event for storage; the future says, once durable, whether it was new, a duplicate or a conflict. */
    public CompletableFuture<Stored> append(Envelope envelope, String json) {
        CompletableFuture<Stored> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("the call store is closed"));
            return f;
        }
        if (envelope.data() instanceof CallStarted) knownCalls.add(envelope.callId());
        writes.add(new Pending(envelope, json, f));
        return f;
    }

    /** False when the database certainly has no such call (no query needed); true when it may. */
    public boolean mayHave(String callId) {
        return knownCalls.contains(callId);
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = writes.take();
                if (first == STOP) return;
                batch.add(first);
                writes.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(STOP);
                commit(batch);
                batch.clear();
                if (stop) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<Stored> fresh = new ArrayList<>(batch.size());
        List<String> ended = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ev = c.prepareStatement("INSERT INTO events (call_id, seq, type, ts, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id, seq) DO NOTHING");
                 PreparedStatement call = c.prepareStatement("INSERT INTO calls (call_id, rep, team, started_at, prospect_channel) VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING");
                 PreparedStatement alert = c.prepareStatement("INSERT INTO alerts (call_id, seq, category, rule, phrase, severity, start_s, end_s, nudge) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id, seq) DO NOTHING");
                 PreparedStatement existing = c.prepareStatement("SELECT type, data FROM events WHERE call_id = ? AND seq = ?")) {
                for (Pending p : batch) {
                    Envelope e = p.envelope();
                    ev.setString(1, e.callId());
                    ev.setLong(2, e.seq());
                    ev.setString(3, e.type().wire());
                    ev.setLong(4, e.ts());
                    String data = Json.write(e.data());
                    ev.setString(5, data);
                    boolean isNew = ev.executeUpdate() == 1;
                    if (!isNew) {
                        existing.setString(1, e.callId());
                        existing.setLong(2, e.seq());
                        try (ResultSet r = existing.executeQuery()) {
                            boolean same = r.next() && r.getString(1).equals(e.type().wire()) && r.getString(2).equals(data);
                            fresh.add(same ? Stored.DUPLICATE : Stored.CONFLICT);
                        }
                        continue;
                    }
                    fresh.add(Stored.NEW);
                    if (e.data() instanceof CallStarted s) {
                        call.setString(1, e.callId());
                        call.setString(2, s.rep());
                        call.setString(3, s.team());
                        call.setLong(4, s.startedAt());
                        call.setInt(5, s.prospectChannel() ? 1 : 0);
                        call.executeUpdate();
                    } else if (e.data() instanceof Alert a) {
                        alert.setString(1, e.callId());
                        alert.setLong(2, e.seq());
                        alert.setString(3, a.category().name());
                        alert.setString(4, a.rule());
                        alert.setString(5, a.phrase());
                        alert.setString(6, a.severity().name());
                        alert.setDouble(7, a.start());
                        alert.setDouble(8, a.end());
                        alert.setInt(9, a.nudge() ? 1 : 0);
                        alert.executeUpdate();
                    } else if (e.data() instanceof CallEnded) {
                        ended.add(e.callId());
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            log.error("could not store {} event(s): {}", batch.size(), e.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) batch.get(i).done().complete(fresh.get(i));
        for (String callId : ended) {
            try {
                CallSummary s = summarize(callId);
                saveSummary(s);
                onCallEnded.accept(s);
            } catch (SQLException | RuntimeException e) {
                log.error("could not summarise call {}: {}", callId, e.getMessage());
            }
        }
    }

    /** Builds the summary from the stored events (also for a call in progress). */
    public CallSummary summarize(String callId) throws SQLException {
        return summaries.build(callId, events(callId));
    }

    private void saveSummary(CallSummary s) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("UPDATE calls SET ended_at = ?, duration_s = ?, pressure_score = ?, talk_share = ?, summary = ? WHERE call_id = ?")) {
            setLong(p, 1, s.endedAt());
            p.setDouble(2, s.duration());
            p.setInt(3, s.pressureScore());
            setDouble(p, 4, s.repTalkShare());
            p.setString(5, Json.write(s));
            p.setString(6, s.callId());
            p.executeUpdate();
        }
    }

    /** What the server needs to know about a call to accept more of its events. */
    public record CallState(String rep, String team, long lastSeq, boolean ended) {}

    public Optional<CallState> callState(String callId) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT c.rep, c.team, (SELECT MAX(seq) FROM events e WHERE e.call_id = c.call_id), "
                     + "(SELECT COUNT(*) FROM events e WHERE e.call_id = c.call_id AND e.type = 'call_ended') FROM calls c WHERE c.call_id = ?")) {
            p.setString(1, callId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                return Optional.of(new CallState(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4) > 0));
            }
        }
    }

    public List<Envelope> events(String callId) throws SQLException {
        List<Envelope> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT seq, type, ts, data FROM events WHERE call_id = ? ORDER BY seq")) {
            p.setString(1, callId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    EventType type = EventType.ofWire(r.getString(2));
                    try {
                        Event e = Json.convert(Json.readTree(r.getString(4)), type.payloadClass());
                        out.add(new Envelope(callId, r.getLong(1), r.getLong(3), e));
                    } catch (DecodeException e) {
                        log.warn("stored event {}#{} cannot be read ({}): left out", callId, r.getLong(1), e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /** The stored summary of an ended call, or one built now for a call in progress; empty if unknown. */
    public Optional<CallSummary> summary(String callId) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement("SELECT summary FROM calls WHERE call_id = ?")) {
            p.setString(1, callId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                String json = r.getString(1);
                if (json != null) {
                    try {
                        return Optional.of(Json.read(json, CallSummary.class));
                    } catch (DecodeException e) {
                        log.warn("stored summary of {} cannot be read ({}): rebuilding it", callId, e.getMessage());
                    }
                }
            }
        }
        return Optional.of(summarize(callId));
    }

    public List<CallRow> list(CallFilter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT call_id, rep, team, started_at, ended_at, duration_s, pressure_score, talk_share FROM calls WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.rep() != null) { sql.append(" AND rep = ?"); args.add(f.rep()); }
        if (f.team() != null) { sql.append(" AND team = ?"); args.add(f.team()); }
        if (f.from() != null) { sql.append(" AND started_at >= ?"); args.add(f.from()); }
        if (f.to() != null) { sql.append(" AND started_at < ?"); args.add(f.to()); }
        sql.append(" ORDER BY started_at DESC, call_id LIMIT ?");
        args.add(f.limit());
        List<CallRow> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) p.setObject(i + 1, args.get(i));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new CallRow(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), nullableLong(r, 5),
                            nullableDouble(r, 6), nullableInt(r, 7), nullableDouble(r, 8)));
                }
            }
        }
        return out;
    }

    /** Per rep over [from, to), against the period of the same length before it; only ended calls count. */
    public TeamReport team(String team, long from, long to) throws SQLException {
        long prevFrom = from - (to - from);
        Map<String, TeamReport.RepStats> current = repStats(team, from, to);
        Map<String, TeamReport.RepStats> previous = repStats(team, prevFrom, from);
        List<TeamReport.RepStats> reps = new ArrayList<>();
        for (var e : current.entrySet()) {
            TeamReport.RepStats now = e.getValue(), before = previous.get(e.getKey());
            Double trend = before == null || before.avgPressureScore() == null || now.avgPressureScore() == null ? null
                    : now.avgPressureScore() - before.avgPressureScore();
            reps.add(new TeamReport.RepStats(now.rep(), now.team(), now.calls(), now.avgPressureScore(), now.avgTalkShare(), now.alertsPerCall(),
                    before == null ? 0 : before.calls(), before == null ? null : before.avgPressureScore(), trend));
        }
        TeamReport.RepStats total = totals(team, from, to, prevFrom);
        return new TeamReport(from, to, team, reps, total);
    }

    private Map<String, TeamReport.RepStats> repStats(String team, long from, long to) throws SQLException {
        Map<String, TeamReport.RepStats> out = new LinkedHashMap<>();
        Map<String, Map<Category, Integer>> alertCounts = new LinkedHashMap<>();
        String teamClause = team == null ? "" : " AND c.team = ?";
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT a.category, c.rep, COUNT(*) FROM alerts a JOIN calls c ON a.call_id = c.call_id "
                    + "WHERE c.ended_at IS NOT NULL AND c.started_at >= ? AND c.started_at < ?" + teamClause + " GROUP BY a.category, c.rep")) {
                p.setLong(1, from);
                p.setLong(2, to);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        alertCounts.computeIfAbsent(r.getString(2), k -> new EnumMap<>(Category.class)).put(Category.valueOf(r.getString(1)), r.getInt(3));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT c.rep, MIN(c.team), COUNT(*), AVG(c.pressure_score), AVG(c.talk_share) FROM calls c "
                    + "WHERE c.ended_at IS NOT NULL AND c.started_at >= ? AND c.started_at < ?" + teamClause + " GROUP BY c.rep ORDER BY c.rep")) {
                p.setLong(1, from);
                p.setLong(2, to);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String rep = r.getString(1);
                        int calls = r.getInt(3);
                        out.put(rep, new TeamReport.RepStats(rep, r.getString(2), calls, nullableDouble(r, 4), nullableDouble(r, 5),
                                rates(alertCounts.getOrDefault(rep, Map.of()), calls), 0, null, null));
                    }
                }
            }
        }
        return out;
    }

    private TeamReport.RepStats totals(String team, long from, long to, long prevFrom) throws SQLException {
        String teamClause = team == null ? "" : " AND team = ?";
        int calls = 0, prevCalls = 0;
        Double avg = null, share = null, prevAvg = null;
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), AVG(pressure_score), AVG(talk_share) FROM calls WHERE ended_at IS NOT NULL AND started_at >= ? AND started_at < ?" + teamClause)) {
                p.setLong(1, from);
                p.setLong(2, to);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    calls = r.getInt(1);
                    avg = nullableDouble(r, 2);
                    share = nullableDouble(r, 3);
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), AVG(pressure_score) FROM calls WHERE ended_at IS NOT NULL AND started_at >= ? AND started_at < ?" + teamClause)) {
                p.setLong(1, prevFrom);
                p.setLong(2, from);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    prevCalls = r.getInt(1);
                    prevAvg = nullableDouble(r, 2);
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT a.category, COUNT(*) FROM alerts a JOIN calls c ON a.call_id = c.call_id "
                    + "WHERE c.ended_at IS NOT NULL AND c.started_at >= ? AND c.started_at < ?" + (team == null ? "" : " AND c.team = ?") + " GROUP BY a.category")) {
                p.setLong(1, from);
                p.setLong(2, to);
                if (team != null) p.setString(3, team);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) counts.put(Category.valueOf(r.getString(1)), r.getInt(2));
                }
            }
        }
        Double trend = avg == null || prevAvg == null ? null : avg - prevAvg;
        return new TeamReport.RepStats("(all)", team == null ? "(all)" : team, calls, avg, share, rates(counts, calls), prevCalls, prevAvg, trend);
    }

    private static List<TeamReport.CategoryRate> rates(Map<Category, Integer> counts, int calls) {
        return Category.pressure().stream().map(c -> new TeamReport.CategoryRate(c, calls == 0 ? 0 : counts.getOrDefault(c, 0) / (double) calls)).toList();
    }

    /** Stores a new token's hash for {@code kind}, {@code rep} and {@code team}; returns the token, which is not kept. */
    public String createToken(dev.pressuremonitor.server.access.Principal.Kind kind, String rep, String team) throws SQLException {
        String token = dev.pressuremonitor.server.access.Tokens.newToken();
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO tokens (hash, kind, rep, team, created_at) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, dev.pressuremonitor.server.access.Tokens.hash(token));
            p.setString(2, kind.name());
            p.setString(3, rep);
            p.setString(4, team);
            p.setLong(5, System.currentTimeMillis());
            p.executeUpdate();
        }
        return token;
    }

    public Optional<dev.pressuremonitor.server.access.Principal> findToken(String hash) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement("SELECT kind, rep, team FROM tokens WHERE hash = ?")) {
            p.setString(1, hash);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                return Optional.of(new dev.pressuremonitor.server.access.Principal(
                        dev.pressuremonitor.server.access.Principal.Kind.valueOf(r.getString(1)), r.getString(2), r.getString(3)));
            }
        }
    }

    /** Deletes calls that ended before {@code cutoff} (epoch ms) with their events; returns how many calls. */
    public int deleteEndedBefore(long cutoff) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement e = c.prepareStatement("DELETE FROM events WHERE call_id IN (SELECT call_id FROM calls WHERE ended_at < ?)");
                 PreparedStatement a = c.prepareStatement("DELETE FROM alerts WHERE call_id IN (SELECT call_id FROM calls WHERE ended_at < ?)");
                 PreparedStatement k = c.prepareStatement("DELETE FROM calls WHERE ended_at < ?")) {
                e.setLong(1, cutoff);
                e.executeUpdate();
                a.setLong(1, cutoff);
                a.executeUpdate();
                k.setLong(1, cutoff);
                int n = k.executeUpdate();
                c.commit();
                return n;
            } catch (SQLException ex) {
                c.rollback();
                throw ex;
            }
        }
    }

    /** Waits for queued writes, then closes; a temporary database is deleted. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        writes.add(STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
        if (deleteOnClose != null) {
            for (String suffix : List.of("", "-wal", "-shm")) {
                try {
                    Files.deleteIfExists(Path.of(deleteOnClose + suffix));
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private static Long nullableLong(ResultSet r, int i) throws SQLException {
        long v = r.getLong(i);
        return r.wasNull() ? null : v;
    }

    private static Double nullableDouble(ResultSet r, int i) throws SQLException {
        double v = r.getDouble(i);
        return r.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet r, int i) throws SQLException {
        int v = r.getInt(i);
        return r.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) p.setNull(i, Types.BIGINT);
        else p.setLong(i, v);
    }

    private static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null) p.setNull(i, Types.DOUBLE);
        else p.setDouble(i, v);
    }
}
