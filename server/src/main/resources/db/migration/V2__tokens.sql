-- Access tokens: only a SHA-256 hash of each token is kept; the token itself is shown once when created.
CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    rep        TEXT NOT NULL,
    team       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
