-- PostgreSQL twin of ../009_principles_missteps.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- The guide's remaining rules: a partnership's core principles and their
-- reaffirmation at the refresh meeting (R11), "what didn't work and what we
-- learned" beside the accomplishments (R10), and survey results, whose
-- recording closes the survey item of the follow-through clock.
--
-- As in 001_core.sql, references are plain INTEGER columns (no DuckDB foreign
-- keys); schema.py lists them for the reference checks and deletion order.

-- The partnership's short list of core principles, in the order it keeps them.
CREATE SEQUENCE principle_id_seq;
CREATE TABLE principle (
    id              INTEGER PRIMARY KEY DEFAULT nextval('principle_id_seq'),
    partnership_id  INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    text            VARCHAR NOT NULL CHECK (length(trim(text)) > 0),
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX principle_partnership ON principle (partnership_id);

-- A meeting (the refresh meeting, usually) reaffirmed or changed the principles;
-- dated by the meeting. ``principles`` keeps the list as it stood, one per line.
CREATE SEQUENCE principle_review_id_seq;
CREATE TABLE principle_review (
    id              INTEGER PRIMARY KEY DEFAULT nextval('principle_review_id_seq'),
    partnership_id  INTEGER NOT NULL,
    meeting_id      INTEGER NOT NULL,
    outcome         VARCHAR NOT NULL CHECK (outcome IN ('reaffirmed', 'changed')),
    principles      VARCHAR NOT NULL,
    notes           VARCHAR,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX principle_review_partnership ON principle_review (partnership_id);

-- What didn't work, and what the partnership learned from it.
CREATE SEQUENCE misstep_id_seq;
CREATE TABLE misstep (
    id              INTEGER PRIMARY KEY DEFAULT nextval('misstep_id_seq'),
    partnership_id  INTEGER NOT NULL,
    team_id         INTEGER,
    date            DATE NOT NULL,
    text            VARCHAR NOT NULL CHECK (length(trim(text)) > 0),
    lesson          VARCHAR
);
CREATE INDEX misstep_partnership ON misstep (partnership_id);

-- The participant survey's results for a meeting (one row per meeting).
CREATE SEQUENCE survey_result_id_seq;
CREATE TABLE survey_result (
    id              INTEGER PRIMARY KEY DEFAULT nextval('survey_result_id_seq'),
    meeting_id      INTEGER NOT NULL,
    recorded_on     DATE NOT NULL,
    responses       INTEGER CHECK (responses IS NULL OR responses >= 0),
    summary         VARCHAR,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX survey_result_meeting ON survey_result (meeting_id);

-- Foreign keys (the references refresh_core.schema checks on DuckDB).
ALTER TABLE principle ADD CONSTRAINT principle_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE principle_review ADD CONSTRAINT principle_review_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE principle_review ADD CONSTRAINT principle_review_meeting_id_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE misstep ADD CONSTRAINT misstep_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE misstep ADD CONSTRAINT misstep_team_id_fk FOREIGN KEY (team_id) REFERENCES action_team (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE survey_result ADD CONSTRAINT survey_result_meeting_id_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED;
