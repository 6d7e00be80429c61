-- Platform schema (PostgreSQL). migrations/sqlite/0001_platform.sql has the
-- same meaning for SQLite. Ids are client-generatable UUIDv7 text; times are
-- RFC 3339 UTC text with milliseconds (sortable as text); every record has a
-- version counter and created/updated time and author (design.md §8).

CREATE TABLE teams (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    -- A disabled team takes no new members; it keeps its history.
    disabled_at TEXT,
    version     BIGINT NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
CREATE UNIQUE INDEX teams_name_unique ON teams (lower(name));

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    team_id       TEXT NOT NULL REFERENCES teams (id),
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('chw', 'housing_navigator', 'case_manager', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    disabled_at   TEXT,
    version       BIGINT NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    created_by    TEXT,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT
);
CREATE INDEX users_team ON users (team_id);

-- tower-sessions records. user_id is copied out of the data so that logout
-- everywhere and disabling a user can end every session of that user.
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    user_id     TEXT,
    data        TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed sign-ins, for throttling per account and per client address.
CREATE TABLE login_failures (
    id           TEXT PRIMARY KEY,
    email        TEXT NOT NULL,
    client_addr  TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_addr ON login_failures (client_addr, at);

-- Applied commands: the first result of each client command id, so that a
-- replay returns it instead of applying the command again.
CREATE TABLE commands (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    result      TEXT NOT NULL,
    applied_at  TEXT NOT NULL
);

-- Audit log: append-only and hash-chained. audit_head holds the last sequence
-- number and hash; appending locks it, so rows form one chain even with
-- concurrent writers.
CREATE TABLE audit_head (
    id        BIGINT PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq          BIGINT PRIMARY KEY,
    at           TEXT NOT NULL,
    user_id      TEXT,
    action       TEXT NOT NULL,
    record_type  TEXT,
    record_id    TEXT,
    patient_id   TEXT,
    client_addr  TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_patient ON audit_log (patient_id, seq);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Patients: the platform keeps the identity and team; the patients feature
-- adds episodes, contacts and the rest.
CREATE TABLE patients (
    id             TEXT PRIMARY KEY,
    team_id        TEXT NOT NULL REFERENCES teams (id),
    given_name     TEXT NOT NULL,
    family_name    TEXT NOT NULL,
    date_of_birth  TEXT,
    phone          TEXT,
    version        BIGINT NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    created_by     TEXT,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT
);
CREATE INDEX patients_team ON patients (team_id);

-- Staff on a patient's care team: the patient is on their caseload.
CREATE TABLE care_team (
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    user_id     TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (patient_id, user_id)
);
CREATE INDEX care_team_user ON care_team (user_id);
