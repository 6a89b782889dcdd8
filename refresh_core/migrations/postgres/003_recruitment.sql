-- PostgreSQL twin of ../003_recruitment.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- Recruitment for a meeting: prospects, who asks them and how, the dated
-- pipeline steps, the askers on the campaign, and the invitation template.
--
-- No foreign keys, as in 001_core.sql (DuckDB's cannot be used for atomic
-- edits and undo): references are plain INTEGER columns kept consistent by
-- refresh_core.prospects and friends, and registered with
-- refresh_core.integrity so the tests check them after every write.

CREATE SEQUENCE prospect_id_seq;
CREATE TABLE prospect (
    id              INTEGER PRIMARY KEY DEFAULT nextval('prospect_id_seq'),
    meeting_id      INTEGER NOT NULL,
    person_id       INTEGER NOT NULL,
    -- who makes the personal ask: an industry champion or public-partner staff
    asker_id        INTEGER,
    channel         VARCHAR CHECK (channel IS NULL OR channel IN
                    ('personal_in_person', 'personal_phone', 'champion_email', 'letter',
                     'mass_email', 'flyer')),
    -- the guide's three traits of a civic entrepreneur
    collaborative   BOOLEAN NOT NULL DEFAULT false,
    strategic       BOOLEAN NOT NULL DEFAULT false,
    interdependent  BOOLEAN NOT NULL DEFAULT false,  -- sees company, industry, community as linked
    source          VARCHAR NOT NULL DEFAULT 'hand'
                    CHECK (source IN ('hand', 'suggestion', 'import', 'eventbrite')),
    note            VARCHAR,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX prospect_meeting ON prospect (meeting_id);

-- Each pipeline step with its date; a prospect's status is its latest step
-- (by date, then by the order recorded). 'attended' comes from attendance
-- (source 'attendance'), an Eventbrite check-in, or the convener.
CREATE SEQUENCE prospect_step_seq;
CREATE TABLE prospect_step (
    seq             BIGINT PRIMARY KEY DEFAULT nextval('prospect_step_seq'),
    prospect_id     INTEGER NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN
                    ('identified', 'asked', 'called', 'confirmed', 'declined', 'no_response',
                     'attended')),
    on_date         DATE NOT NULL,
    source          VARCHAR NOT NULL DEFAULT 'convener'
                    CHECK (source IN ('convener', 'import', 'attendance', 'eventbrite')),
    recorded_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX prospect_step_prospect ON prospect_step (prospect_id);

-- The people making asks and calls for a meeting ("divide up those calls
-- among your public partner team and industry champions").
CREATE TABLE meeting_asker (
    meeting_id      INTEGER NOT NULL,
    person_id       INTEGER NOT NULL,
    added_at        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (meeting_id, person_id)
);

-- The convener's edited invitation for a meeting (absent: the default text).
CREATE TABLE invitation_template (
    meeting_id      INTEGER PRIMARY KEY,
    subject         VARCHAR NOT NULL,
    body            VARCHAR NOT NULL,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Foreign keys (the references refresh_core.schema checks on DuckDB).
ALTER TABLE prospect ADD CONSTRAINT prospect_meeting_id_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE prospect ADD CONSTRAINT prospect_person_id_fk FOREIGN KEY (person_id) REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE prospect ADD CONSTRAINT prospect_asker_id_fk FOREIGN KEY (asker_id) REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE prospect_step ADD CONSTRAINT prospect_step_prospect_id_fk FOREIGN KEY (prospect_id) REFERENCES prospect (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE meeting_asker ADD CONSTRAINT meeting_asker_meeting_id_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE meeting_asker ADD CONSTRAINT meeting_asker_person_id_fk FOREIGN KEY (person_id) REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE invitation_template ADD CONSTRAINT invitation_template_meeting_id_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED;
