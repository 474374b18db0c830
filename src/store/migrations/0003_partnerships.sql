-- 0003: the partnership pipeline (DOMAIN.md section 2): organisations, people, partnerships with
-- their records (outreach, evidence, candidate homes, attorney commitments, investments), the
-- stage history and the fee schedule; and the school an organizer or champion account belongs to.

ALTER TABLE users ADD COLUMN school_unitid INTEGER;

CREATE TABLE organisations (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  city       TEXT    NOT NULL DEFAULT '',
  state      TEXT    NOT NULL DEFAULT '',
  kind       TEXT    NOT NULL CHECK (kind IN ('community_organizing', 'legal_service_agency',
                     'immigration_services_agency', 'immigrant_serving_org', 'public_school',
                     'other_nonprofit', 'university_office', 'law_firm', 'other')),
  contacts   TEXT    NOT NULL DEFAULT '',
  notes      TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE people (
  id              INTEGER PRIMARY KEY,
  name            TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role            TEXT    NOT NULL CHECK (role IN ('student', 'faculty', 'administrator', 'staff',
                          'attorney', 'community_member')),
  unitid          INTEGER,
  organisation_id INTEGER REFERENCES organisations(id),
  email           TEXT    NOT NULL DEFAULT '',
  phone           TEXT    NOT NULL DEFAULT '',
  notes           TEXT    NOT NULL DEFAULT '',
  capacity_pairs  INTEGER CHECK (capacity_pairs IS NULL OR capacity_pairs >= 1),
  champion_candidate INTEGER NOT NULL DEFAULT 0 CHECK (champion_candidate IN (0, 1)),
  decision_power  TEXT    NOT NULL DEFAULT 'unknown' CHECK (decision_power IN ('unknown', 'yes', 'no')),
  funding         TEXT    NOT NULL DEFAULT 'unknown' CHECK (funding IN ('unknown', 'has', 'can_request', 'no')),
  work_study      TEXT    NOT NULL DEFAULT 'unknown' CHECK (work_study IN ('unknown', 'has', 'can_request', 'no')),
  undergraduate   INTEGER NOT NULL DEFAULT 0 CHECK (undergraduate IN (0, 1)),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX people_by_unitid ON people(unitid);

CREATE TABLE partnerships (
  id                  INTEGER PRIMARY KEY,
  unitid              INTEGER NOT NULL UNIQUE,  -- IPEDS UNITID: one partnership per school
  school_name         TEXT    NOT NULL DEFAULT '',  -- as named when created (shown without IPEDS data)
  pathway             INTEGER CHECK (pathway IS NULL OR pathway IN (1, 2, 3)),  -- rule P1
  initiated_by        TEXT    NOT NULL DEFAULT '',
  owner_user_id       INTEGER REFERENCES users(id),
  stage               TEXT    NOT NULL CHECK (stage IN ('identified', 'exploring', 'gauging_support',
                              'support_affirmed', 'finalizing', 'signed', 'launching', 'active',
                              'paused', 'declined')),
  stage_since         INTEGER NOT NULL,
  paused_from         TEXT,
  stage_reason        TEXT    NOT NULL DEFAULT '',
  next_step           TEXT    NOT NULL DEFAULT '',
  next_step_due       TEXT    NOT NULL DEFAULT '',
  fee_override_usd    INTEGER CHECK (fee_override_usd IS NULL OR fee_override_usd >= 0),
  fee_override_reason TEXT    NOT NULL DEFAULT '',
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1
);

-- The records of a partnership. `data` holds the typed record as JSON (validated by the service
-- against the domain types); the people and organisations it refers to are real foreign keys, so
-- a person or organisation still referred to cannot be deleted.
CREATE TABLE partnership_records (
  id              INTEGER PRIMARY KEY,
  partnership_id  INTEGER NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  kind            TEXT    NOT NULL CHECK (kind IN ('outreach', 'evidence', 'homes', 'attorneys', 'investments')),
  data            TEXT    NOT NULL,  -- JSON object, checked by the service
  person_id       INTEGER REFERENCES people(id),
  organisation_id INTEGER REFERENCES organisations(id),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX partnership_records_by_partnership ON partnership_records(partnership_id, kind);
CREATE INDEX partnership_records_by_person ON partnership_records(person_id);
CREATE INDEX partnership_records_by_organisation ON partnership_records(organisation_id);

-- Every change of stage and every edit of a partnership (also in audit_log).
CREATE TABLE partnership_history (
  id             INTEGER PRIMARY KEY,
  partnership_id INTEGER NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
  at             INTEGER NOT NULL,
  user_id        INTEGER,
  username       TEXT    NOT NULL,
  action         TEXT    NOT NULL,
  summary        TEXT    NOT NULL,
  from_stage     TEXT    NOT NULL DEFAULT '',
  to_stage       TEXT    NOT NULL DEFAULT '',
  reason         TEXT    NOT NULL DEFAULT '',
  override       INTEGER NOT NULL DEFAULT 0 CHECK (override IN (0, 1))
);
CREATE INDEX partnership_history_by_partnership ON partnership_history(partnership_id, id);

-- rule P7: bands of undergraduate enrollment by control and level.
CREATE TABLE fee_bands (
  id             INTEGER PRIMARY KEY,
  control        TEXT    NOT NULL CHECK (control IN ('public', 'private')),
  level          TEXT    NOT NULL CHECK (level IN ('two_year', 'four_year')),
  min_undergrad  INTEGER NOT NULL CHECK (min_undergrad >= 0),
  max_undergrad  INTEGER CHECK (max_undergrad IS NULL OR max_undergrad >= min_undergrad),
  annual_fee_usd INTEGER NOT NULL CHECK (annual_fee_usd >= 0),
  label          TEXT    NOT NULL,
  is_example     INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  updated_at     INTEGER NOT NULL
);
