package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallRow;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.TeamReport;
import dev.pressuremonitor.server.access.Principal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Calls in a SQL database through JDBC: SQLite (a file, WAL mode) for one rep, PostgreSQL for a team; one schema,
 * one code path. The pieces, each with one job: {@link Database} (the pool and the schema), {@link EventWriter}
 * (the single durable writer), {@link CallReader}, {@link Summaries}, {@link TeamQueries}, {@link TokenTable},
 * {@link FeedbackTable} and {@link Retention}. An event's future completes only once it is durable, so an acknowledged event survives a crash.
 */
public final class CallStore implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallStore.class);
    private final Database db;
    private final EventWriter writer;
    private final CallReader reader;
    private final Summaries summaries;
    private final TeamQueries team;
    private final TokenTable tokens;
    private final Retention retention;
    private final FeedbackTable feedback;
    private final TeamSettingsTable teamSettings;
    private final WriteHealth health = new WriteHealth();
    private volatile boolean closed;

    /** What an append did: stored a new event, found the very same event already stored, or found its seq used by another. */
    public enum Stored { NEW, DUPLICATE, CONFLICT }

    /**
     * What the server needs to know about a call to accept more of its events: whose it is, when it started (epoch
     * ms), its highest stored seq, and the seq of its stored call_ended (0 while it has none).
     */
    public record CallState(String rep, String team, long startedAt, long lastSeq, long endSeq) {
        public boolean ended() {
            return endSeq > 0;
        }
    }

    /**
     * A call with no stored call_ended: whose it is, when it started, and its last stored event's seq and time
     * (epoch ms, as its agent stamped it).
     */
    public record OpenCall(String callId, String rep, String team, long startedAt, long lastSeq, long lastTs) {}

    private CallStore(Database db) throws SQLException {
        this.db = db;
        this.reader = new CallReader(db);
        this.summaries = new Summaries(db, reader, health);
        this.team = new TeamQueries(db);
        this.tokens = new TokenTable(db);
        this.retention = new Retention(db);
        this.feedback = new FeedbackTable(db);
        this.teamSettings = new TeamSettingsTable(db);
        this.writer = new EventWriter(db, health, summaries);
        // calls whose call_ended was stored but whose summary a crash kept from being saved are finished now
        List<String> unfinished = reader.endedWithoutSummary();
        if (!unfinished.isEmpty()) log.warn("finishing {} ended call(s) that have no summary yet", unfinished.size());
        unfinished.forEach(summaries::ended);
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
        Database db = Database.open(url, deleteOnClose);
        try {
            return new CallStore(db);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw new IllegalArgumentException("cannot read the database " + url.replaceAll("password=[^&]*", "password=***")
                    + " (" + e.getMessage() + "): check --db and the server", e);
        }
    }

    public boolean isSqlite() {
        return db.isSqlite();
    }

    /** Whether writes go through right now, and why not. */
    public WriteHealth health() {
        return health;
    }

    /** Told why, each time a write fails. */
    public void onWriteFailure(Consumer<WriteHealth.Reason> listener) {
        health.onFailure(listener);
    }

    /** Called with the summary of each call whose call_ended was just stored. */
    public void onCallEnded(Consumer<CallSummary> listener) {
        summaries.onCallEnded(listener);
    }

    /** Queues the event for storage; the future says, once durable, whether it was new, a duplicate or a conflict. */
    public CompletableFuture<Stored> append(Envelope envelope) {
        return writer.append(dev.pressuremonitor.models.EventCodec.Decoded.withoutPayload(envelope));
    }

    /**
     * As {@link #append(Envelope)}, keeping the payload's text as the agent sent it where the decoding kept it,
     * instead of encoding the payload again. The same event spelt another way (a resend from another version of the
     * agent, or JSON with spaces) is still recognised as a duplicate.
     */
    public CompletableFuture<Stored> append(dev.pressuremonitor.models.EventCodec.Decoded event) {
        return writer.append(event);
    }

    /** Events queued for storage that the writer has not taken up yet: how far behind the store is. */
    public int waiting() {
        return writer.waiting();
    }

    /** False when the database certainly has no such call (no query needed); true when it may. */
    public boolean mayHave(String callId) {
        return writer.mayHave(callId);
    }

    /**
     * Calls whose summary at their end was built from the events this server kept as it stored them, since the store
     * opened; the others' were read back from the database.
     */
    public long summariesFromMemory() {
        return summaries.builtFromMemory();
    }

    /** Summaries of ended calls built from their events read back from the database, since the store opened. */
    public long summariesFromDatabase() {
        return summaries.builtFromDatabase();
    }

    /** Builds the summary from the stored events (also for a call in progress). */
    public CallSummary summarize(String callId) throws SQLException {
        return summaries.build(callId);
    }

    public Optional<CallState> callState(String callId) throws SQLException {
        return reader.callState(callId);
    }

    /** Every call the database holds open (no call_ended stored): after a restart, those its agents may never end. */
    public List<OpenCall> openCalls() throws SQLException {
        return reader.openCalls(null);
    }

    /** The call as stored now if it is open; empty once it has ended (here or on another server) or is unknown. */
    public Optional<OpenCall> openCall(String callId) throws SQLException {
        return reader.openCalls(callId).stream().findFirst();
    }

    public List<Envelope> events(String callId) throws SQLException {
        return reader.events(callId);
    }

    /** The call's events of one type only, in seq order. */
    public List<Envelope> events(String callId, dev.pressuremonitor.models.EventType only) throws SQLException {
        return reader.events(callId, only);
    }

    /** The stored summary of an ended call, or one built now for a call in progress; empty if unknown. */
    public Optional<CallSummary> summary(String callId) throws SQLException {
        return summaries.summary(callId);
    }

    public List<CallRow> list(CallFilter f) throws SQLException {
        return reader.list(f);
    }

    /** Per rep over [from, to), against the period of the same length before it; only ended calls count. */
    public TeamReport team(String team, long from, long to) throws SQLException {
        return this.team.team(team, from, to);
    }

    /** Stores a new token's hash for {@code kind}, {@code rep} and {@code team}; returns the token, which is not kept. */
    public String createToken(Principal.Kind kind, String rep, String team) throws SQLException {
        return tokens.createToken(kind, rep, team);
    }

    /** Teams besides {@code team} that already have tokens or calls for a rep named {@code rep}. */
    public java.util.SortedSet<String> otherTeamsOf(String rep, String team) throws SQLException {
        return tokens.otherTeamsOf(rep, team);
    }

    public Optional<Principal> findToken(String hash) throws SQLException {
        return tokens.findToken(hash);
    }

    /** Marks people made on calls: nudges that were not pressure, nudges that were right, pressure missed. */
    public FeedbackTable feedback() {
        return feedback;
    }

    /** What a team's manager chose for the team's agents: refitted models and per-rule settings. */
    public TeamSettingsTable teamSettings() {
        return teamSettings;
    }

    /** Deletes calls that ended before {@code cutoff} (epoch ms) with their events; returns how many calls. */
    public int deleteEndedBefore(long cutoff) throws SQLException {
        return retention.deleteEndedBefore(cutoff);
    }

    /** Waits for queued writes, then closes; a temporary database is deleted. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        writer.close();
        summaries.close();
        db.close();
    }
}
