-- PostgreSQL twin of ../001_core.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- Core model: partnerships, organisations, people, meetings, attendance,
-- the living plan (priorities, action teams, accomplishments) and the
-- convener's sector-change reflections.
--
-- DuckDB note: its foreign keys cannot be used here. A referenced row cannot
-- have an indexed column updated, and a transaction that deletes child rows
-- and then their parent fails, which would make an atomic undo of an import
-- impossible. So references are plain INTEGER columns, kept consistent by the
-- core's functions and checked by refresh_core.integrity (run in the tests
-- after every kind of write). Natural-key uniqueness for editable names
-- (organisations, meetings) is enforced in code.

CREATE SEQUENCE partnership_id_seq;
CREATE TABLE partnership (
    id          INTEGER PRIMARY KEY DEFAULT nextval('partnership_id_seq'),
    name        VARCHAR NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    sector      VARCHAR,
    region      VARCHAR,
    date_order  VARCHAR NOT NULL DEFAULT 'month_first'
                CHECK (date_order IN ('month_first', 'day_first')),
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- One import (or demo load) = one batch; rows it added carry its id so an
-- undo removes exactly what it added.
CREATE SEQUENCE import_batch_id_seq;
CREATE TABLE import_batch (
    id              INTEGER PRIMARY KEY DEFAULT nextval('import_batch_id_seq'),
    partnership_id  INTEGER NOT NULL,
    file_name       VARCHAR NOT NULL,
    sha256          VARCHAR NOT NULL,
    format          VARCHAR NOT NULL,
    imported_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    rows_read       INTEGER NOT NULL DEFAULT 0,
    rows_rejected   INTEGER NOT NULL DEFAULT 0,
    attendance_added INTEGER NOT NULL DEFAULT 0,
    people_added    INTEGER NOT NULL DEFAULT 0,
    people_matched  INTEGER NOT NULL DEFAULT 0,
    report_json     VARCHAR
);
CREATE INDEX import_batch_sha ON import_batch (partnership_id, sha256);

CREATE SEQUENCE organisation_id_seq;
CREATE TABLE organisation (
    id              INTEGER PRIMARY KEY DEFAULT nextval('organisation_id_seq'),
    partnership_id  INTEGER NOT NULL,
    name            VARCHAR NOT NULL,
    name_key        VARCHAR NOT NULL,   -- normalised name for matching
    domain          VARCHAR,            -- email domain seen for it, lower case
    kind            VARCHAR NOT NULL DEFAULT 'unknown'
                    CONSTRAINT organisation_kind_check CHECK (kind IN ('industry', 'public_partner', 'unknown')),
    public_subtype  VARCHAR CONSTRAINT organisation_public_subtype_check CHECK (public_subtype IS NULL OR public_subtype IN
                    ('education', 'workforce', 'economic_development', 'government', 'community')),
    kind_source     VARCHAR NOT NULL DEFAULT 'rule'
                    CONSTRAINT organisation_kind_source_check CHECK (kind_source IN ('rule', 'import', 'roster', 'convener', 'demo')),
    batch_id        INTEGER,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX organisation_partnership ON organisation (partnership_id);

CREATE SEQUENCE person_id_seq;
CREATE TABLE person (
    id              INTEGER PRIMARY KEY DEFAULT nextval('person_id_seq'),
    partnership_id  INTEGER NOT NULL,
    full_name       VARCHAR NOT NULL,
    name_key        VARCHAR NOT NULL,   -- normalised full name for matching
    email           VARCHAR,            -- trimmed, lower case
    phone           VARCHAR,
    title           VARCHAR,
    level           VARCHAR NOT NULL DEFAULT 'other'
                    CHECK (level IN ('executive', 'mid_level', 'other')),
    organisation_id INTEGER,
    merged_into_id  INTEGER,            -- set when merged into another person (reversible)
    batch_id        INTEGER,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX person_partnership ON person (partnership_id);

CREATE SEQUENCE action_team_id_seq;
CREATE SEQUENCE priority_id_seq;
CREATE SEQUENCE meeting_id_seq;

CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY DEFAULT nextval('meeting_id_seq'),
    partnership_id  INTEGER NOT NULL,
    date            DATE NOT NULL,
    title           VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL
                    CHECK (kind IN ('launch', 'quarterly', 'refresh', 'action_team', 'other')),
    action_team_id  INTEGER,            -- for kind = 'action_team'
    start_time      TIME,
    minutes         INTEGER CHECK (minutes IS NULL OR minutes > 0),
    location        VARCHAR,
    batch_id        INTEGER,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX meeting_partnership_date ON meeting (partnership_id, date);

CREATE TABLE attendance (
    meeting_id  INTEGER NOT NULL,
    person_id   INTEGER NOT NULL,
    role        VARCHAR NOT NULL DEFAULT 'participant'
                CHECK (role IN ('participant', 'observer', 'host')),
    minutes     INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    batch_id    INTEGER,
    PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX attendance_person ON attendance (person_id);

CREATE TABLE priority (
    id                      INTEGER PRIMARY KEY DEFAULT nextval('priority_id_seq'),
    partnership_id          INTEGER NOT NULL,
    title                   VARCHAR NOT NULL CHECK (length(trim(title)) > 0),
    description             VARCHAR,
    status                  VARCHAR NOT NULL DEFAULT 'active'
                            CHECK (status IN ('active', 'on_hold', 'completed', 'dropped')),
    identified_meeting_id   INTEGER,
    identified_on           DATE NOT NULL,
    created_at              TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX priority_partnership ON priority (partnership_id);

CREATE TABLE action_team (
    id              INTEGER PRIMARY KEY DEFAULT nextval('action_team_id_seq'),
    partnership_id  INTEGER NOT NULL,
    name            VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    priority_id     INTEGER,
    status          VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    chartered_on    DATE NOT NULL,
    closed_on       DATE,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (closed_on IS NULL OR closed_on >= chartered_on)
);
CREATE INDEX action_team_partnership ON action_team (partnership_id);

CREATE TABLE team_member (
    team_id     INTEGER NOT NULL,
    person_id   INTEGER NOT NULL,
    role        VARCHAR NOT NULL DEFAULT 'member' CHECK (role IN ('champion', 'member')),
    joined_on   DATE,
    PRIMARY KEY (team_id, person_id)
);

CREATE SEQUENCE accomplishment_id_seq;
CREATE TABLE accomplishment (
    id              INTEGER PRIMARY KEY DEFAULT nextval('accomplishment_id_seq'),
    partnership_id  INTEGER NOT NULL,
    team_id         INTEGER,
    date            DATE NOT NULL,
    text            VARCHAR NOT NULL CHECK (length(trim(text)) > 0)
);
CREATE INDEX accomplishment_partnership ON accomplishment (partnership_id);

-- The convener's dated answers to the guide's five "has the sector changed?"
-- questions. Each *_changed says whether that force changed; the notes say how.
CREATE SEQUENCE sector_reflection_id_seq;
CREATE TABLE sector_reflection (
    id                      INTEGER PRIMARY KEY DEFAULT nextval('sector_reflection_id_seq'),
    partnership_id          INTEGER NOT NULL,
    answered_on             DATE NOT NULL,
    market_forces_changed   BOOLEAN NOT NULL DEFAULT false,
    new_companies_changed   BOOLEAN NOT NULL DEFAULT false,
    regulation_changed      BOOLEAN NOT NULL DEFAULT false,
    technology_changed      BOOLEAN NOT NULL DEFAULT false,
    global_events_changed   BOOLEAN NOT NULL DEFAULT false,
    agenda_still_fits       BOOLEAN NOT NULL,
    notes                   VARCHAR,
    created_at              TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX sector_reflection_partnership ON sector_reflection (partnership_id, answered_on);

-- Foreign keys (the references refresh_core.schema checks on DuckDB).
ALTER TABLE import_batch ADD CONSTRAINT import_batch_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE organisation ADD CONSTRAINT organisation_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE person ADD CONSTRAINT person_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE person ADD CONSTRAINT person_organisation_id_fk FOREIGN KEY (organisation_id) REFERENCES organisation (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE person ADD CONSTRAINT person_merged_into_id_fk FOREIGN KEY (merged_into_id) REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE meeting ADD CONSTRAINT meeting_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE meeting ADD CONSTRAINT meeting_action_team_id_fk FOREIGN KEY (action_team_id) REFERENCES action_team (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE attendance ADD CONSTRAINT attendance_meeting_id_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE attendance ADD CONSTRAINT attendance_person_id_fk FOREIGN KEY (person_id) REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE priority ADD CONSTRAINT priority_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE priority ADD CONSTRAINT priority_identified_meeting_id_fk FOREIGN KEY (identified_meeting_id) REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE action_team ADD CONSTRAINT action_team_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE action_team ADD CONSTRAINT action_team_priority_id_fk FOREIGN KEY (priority_id) REFERENCES priority (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE team_member ADD CONSTRAINT team_member_team_id_fk FOREIGN KEY (team_id) REFERENCES action_team (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE team_member ADD CONSTRAINT team_member_person_id_fk FOREIGN KEY (person_id) REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE accomplishment ADD CONSTRAINT accomplishment_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE accomplishment ADD CONSTRAINT accomplishment_team_id_fk FOREIGN KEY (team_id) REFERENCES action_team (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE sector_reflection ADD CONSTRAINT sector_reflection_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
