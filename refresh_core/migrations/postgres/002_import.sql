-- PostgreSQL twin of ../002_import.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- Attendance import: the people review queue, reversible merges, the log of
-- values an import changed (so an undo restores them), saved column mappings.
--
-- No foreign keys here on purpose: DuckDB cannot delete a referenced row and
-- its referencing rows in one transaction, and these tables are bookkeeping
-- that is cleared together with the rows it describes.

-- Close-but-not-exact person matches, never merged automatically.
CREATE SEQUENCE person_review_id_seq;
CREATE TABLE person_review (
    id              INTEGER PRIMARY KEY DEFAULT nextval('person_review_id_seq'),
    partnership_id  INTEGER NOT NULL,
    person_id       INTEGER NOT NULL,   -- the person created by the import
    candidate_id    INTEGER NOT NULL,   -- the person they may be the same as
    score           DOUBLE PRECISION NOT NULL,    -- name similarity 0..100
    reason          VARCHAR NOT NULL,
    status          VARCHAR NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'merged', 'dismissed')),
    batch_id        INTEGER,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    resolved_at     TIMESTAMP
);
CREATE INDEX person_review_partnership ON person_review (partnership_id);

-- One merge of two people; the detail tables hold what it moved or dropped
-- so that an undo restores the database exactly.
CREATE SEQUENCE person_merge_id_seq;
CREATE TABLE person_merge (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('person_merge_id_seq'),
    partnership_id      INTEGER NOT NULL,
    keep_person_id      INTEGER NOT NULL,
    merged_person_id    INTEGER NOT NULL,
    review_ids          VARCHAR,        -- comma-separated review ids it closed
    merged_at           TIMESTAMP NOT NULL DEFAULT current_timestamp,
    undone_at           TIMESTAMP
);
CREATE INDEX person_merge_partnership ON person_merge (partnership_id);

CREATE TABLE person_merge_attendance (
    merge_id    INTEGER NOT NULL,
    meeting_id  INTEGER NOT NULL,
    role        VARCHAR NOT NULL,
    minutes     INTEGER,
    batch_id    INTEGER,
    action      VARCHAR NOT NULL CHECK (action IN ('moved', 'dropped'))
);

CREATE TABLE person_merge_team (
    merge_id    INTEGER NOT NULL,
    team_id     INTEGER NOT NULL,
    role        VARCHAR NOT NULL,
    joined_on   DATE,
    action      VARCHAR NOT NULL CHECK (action IN ('moved', 'dropped'))
);

-- Values an import changed on rows it did not create (a filled-in title, an
-- organisation's kind learnt from an affiliation column, missing minutes).
CREATE TABLE import_change (
    batch_id     INTEGER NOT NULL,
    table_name   VARCHAR NOT NULL CHECK (table_name IN ('person', 'organisation', 'attendance')),
    key1         INTEGER NOT NULL,      -- row id (attendance: meeting id)
    key2         INTEGER,               -- attendance: person id
    column_name  VARCHAR NOT NULL,
    old_value    VARCHAR,
    new_value    VARCHAR
);
CREATE INDEX import_change_batch ON import_change (batch_id);

-- Column mappings a convener made for a file layout we did not recognise,
-- reused when a file with the same header arrives again.
CREATE TABLE saved_mapping (
    partnership_id  INTEGER NOT NULL,
    signature       VARCHAR NOT NULL,   -- normalised header cells, joined
    mapping_json    VARCHAR NOT NULL,   -- {"field": "file header", ...}
    saved_at        TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX saved_mapping_key ON saved_mapping (partnership_id, signature);
