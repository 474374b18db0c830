-- 0001: accounts, sessions and the append-only audit log (foundation).

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  username             TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  display_name         TEXT    NOT NULL,
  role                 TEXT    NOT NULL
                       CHECK (role IN ('admin','staff','organizer','champion','student','attorney','observer')),
  disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  password_hash        TEXT    NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);

-- The session token is never stored: `key` is its BLAKE2b hash.
CREATE TABLE sessions (
  key            TEXT    PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token     TEXT    NOT NULL,
  created_at     INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  remote_address TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  user_id        INTEGER,
  username       TEXT    NOT NULL DEFAULT '',
  action         TEXT    NOT NULL,
  object_type    TEXT    NOT NULL DEFAULT '',
  object_id      TEXT    NOT NULL DEFAULT '',
  remote_address TEXT    NOT NULL DEFAULT '',
  request_id     TEXT    NOT NULL DEFAULT '',
  details        TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_by_user ON audit_log(user_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
