package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MindsetChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;

/** Calls' summaries: built from the stored events, saved beside each call once it ends, read back. */
final class Summaries {
    private static final Logger log = LoggerFactory.getLogger(Summaries.class);

    private final Database db;
    private final CallReader reader;
    private final SummaryBuilder builder = new SummaryBuilder(MindsetChart.standard());
    private volatile Consumer<CallSummary> onCallEnded = s -> { };

    Summaries(Database db, CallReader reader) {
        this.db = db;
        this.reader = reader;
    }

    void onCallEnded(Consumer<CallSummary> listener) {
        this.onCallEnded = listener;
    }

    /** Builds the summary from the stored events (also for a call in progress). */
    CallSummary build(String callId) throws SQLException {
        return builder.build(callId, reader.events(callId));
    }

    /** The saved summary of an ended call, or one built now for a call in progress; empty if unknown. */
    Optional<CallSummary> summary(String callId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT summary FROM calls WHERE call_id = ?")) {
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
        return Optional.of(build(callId));
    }

    /** A call's call_ended is stored: its summary is built, saved and handed to the listener. */
    void ended(String callId) {
        try {
            CallSummary s = build(callId);
            save(s);
            onCallEnded.accept(s);
        } catch (SQLException | RuntimeException e) {
            log.error("could not summarise call {}: {}", callId, e.getMessage());
        }
    }

    private void save(CallSummary s) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("UPDATE calls SET ended_at = ?, duration_s = ?, pressure_score = ?, talk_share = ?, summary = ? WHERE call_id = ?")) {
            Sql.setLong(p, 1, s.endedAt());
            p.setDouble(2, s.duration());
            p.setInt(3, s.pressureScore());
            Sql.setDouble(p, 4, s.repTalkShare());
            p.setString(5, Json.write(s));
            p.setString(6, s.callId());
            p.executeUpdate();
        }
    }
}
