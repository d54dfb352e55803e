-- Calls, their events and their alerts. Portable SQL: the same file runs on SQLite and PostgreSQL.
CREATE TABLE calls (
    call_id          TEXT PRIMARY KEY,
    rep              TEXT NOT NULL,
    team             TEXT NOT NULL,
    started_at       BIGINT NOT NULL,
    ended_at         BIGINT,
    duration_s       DOUBLE PRECISION,
    prospect_channel INTEGER NOT NULL,
    pressure_score   INTEGER,
    talk_share       DOUBLE PRECISION,
    summary          TEXT
);
CREATE INDEX calls_rep_started ON calls (rep, started_at);
CREATE INDEX calls_team_started ON calls (team, started_at);
CREATE INDEX calls_started ON calls (started_at);

-- Every accepted event exactly once: (call_id, seq) is the idempotency key.
CREATE TABLE events (
    call_id TEXT NOT NULL,
    seq     BIGINT NOT NULL,
    type    TEXT NOT NULL,
    ts      BIGINT NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (call_id, seq)
);

CREATE TABLE alerts (
    call_id  TEXT NOT NULL,
    seq      BIGINT NOT NULL,
    category TEXT NOT NULL,
    rule     TEXT NOT NULL,
    phrase   TEXT NOT NULL,
    severity TEXT NOT NULL,
    start_s  DOUBLE PRECISION NOT NULL,
    end_s    DOUBLE PRECISION NOT NULL,
    nudge    INTEGER NOT NULL,
    PRIMARY KEY (call_id, seq)
);
CREATE INDEX alerts_call ON alerts (call_id);
