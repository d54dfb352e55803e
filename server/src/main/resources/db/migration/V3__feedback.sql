-- Feedback on nudges: one row per mark a rep or manager made on a call. The words only where the call's transcript
-- was kept; the matched phrase always (it is stored with the alert anyway). Portable SQL: SQLite and PostgreSQL.
CREATE TABLE feedback (
    mark_id     TEXT PRIMARY KEY,
    team        TEXT NOT NULL,
    call_id     TEXT NOT NULL,
    rep         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    alert_seq   BIGINT,
    rule        TEXT,
    category    TEXT NOT NULL,
    phrase      TEXT,
    line_seq    BIGINT,
    start_s     DOUBLE PRECISION NOT NULL,
    end_s       DOUBLE PRECISION NOT NULL,
    words       TEXT,
    context     TEXT,
    marked_by   TEXT NOT NULL,
    marked_role TEXT NOT NULL,
    marked_at   BIGINT NOT NULL,
    review      TEXT NOT NULL,
    reviewed_at BIGINT
);
-- one mark per nudge and role: a rep who changes their mind replaces their mark; a manager's stands beside it
CREATE UNIQUE INDEX feedback_alert_role ON feedback (call_id, alert_seq, marked_role);
CREATE INDEX feedback_team_marked ON feedback (team, marked_at);
CREATE INDEX feedback_call ON feedback (call_id);
