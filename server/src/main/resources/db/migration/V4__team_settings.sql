-- What a team's manager chose for the team's agents: refitted learned models (the file as 'train --with-feedback'
-- wrote it, checked before it is stored; the latest pushed is the one in use) and per-rule settings.
CREATE TABLE team_models (
    team       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    pushed_at  BIGINT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (team, sha256)
);
CREATE INDEX team_models_pushed ON team_models (team, pushed_at);
CREATE TABLE team_rules (
    team       TEXT NOT NULL,
    rule       TEXT NOT NULL,
    setting    TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (team, rule)
);
