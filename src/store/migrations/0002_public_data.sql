-- 0002: imported public data files and the admin-maintained reference list of legal resources
-- (site selection). Each imported file is kept as imported (bytes, checksum, import report), so
-- the in-memory snapshot can be rebuilt from the database alone and every figure can be traced to
-- the file and vintage behind it.

CREATE TABLE dataset_files (
  id            INTEGER PRIMARY KEY,
  file_name     TEXT    NOT NULL UNIQUE,  -- base name; importing the same name replaces the file
  kind          TEXT    NOT NULL,         -- detected format, e.g. 'ers_people', 'ipeds_directory'
  source        TEXT    NOT NULL,
  vintage       TEXT    NOT NULL,
  sha256        TEXT    NOT NULL,         -- of the bytes as imported
  size_bytes    INTEGER NOT NULL,
  content       BLOB    NOT NULL,         -- the bytes as imported (gzip stays gzip)
  rows_read     INTEGER NOT NULL,
  rows_loaded   INTEGER NOT NULL,
  rows_skipped  INTEGER NOT NULL,
  report        TEXT    NOT NULL DEFAULT '',  -- the import summary lines for this file
  imported_at   INTEGER NOT NULL,
  imported_by   TEXT    NOT NULL
);

CREATE TABLE legal_resources (
  id         INTEGER PRIMARY KEY,
  kind       TEXT    NOT NULL CHECK (kind IN ('law_school', 'legal_service_org', 'immigration_court')),
  name       TEXT    NOT NULL,
  city       TEXT    NOT NULL DEFAULT '',
  state      TEXT    NOT NULL,
  latitude   REAL    NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude  REAL    NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  source     TEXT    NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  UNIQUE (kind, name, state)
);
