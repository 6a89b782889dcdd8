-- PostgreSQL twin of ../004_meeting_outcomes.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- What a refresh (or other full-partnership) meeting produced: its planned
-- agenda, the sticky-wall ideas and their categories, who volunteered at the
-- call for champions, and the follow-through clock started from it.
--
-- No FOREIGN KEY constraints here on purpose: DuckDB refuses to delete a
-- parent row in the same transaction as its children, which would break
-- merging categories and deleting a partnership. Integrity is kept in code
-- (refresh_core/stickywall.py, champions.py, followups.py); every row carries
-- the meeting (and the clock also the partnership) it belongs to.

-- The agenda planned for a meeting, one row per part in order.
CREATE SEQUENCE agenda_part_id_seq;
CREATE TABLE agenda_part (
    id          INTEGER PRIMARY KEY DEFAULT nextval('agenda_part_id_seq'),
    meeting_id  INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    part        VARCHAR NOT NULL,          -- the part's key (welcome, been, are, going, commitments)
    title       VARCHAR NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes >= 0),
    lead        VARCHAR,
    prompts     VARCHAR,                   -- one prompt per line, as edited by the convener
    notes       VARCHAR
);
CREATE INDEX agenda_part_meeting ON agenda_part (meeting_id);

-- Sticky-wall categories: the groups ideas are sorted into. A category
-- becomes a priority at the call for champions (priority_id set then).
CREATE SEQUENCE idea_category_id_seq;
CREATE TABLE idea_category (
    id          INTEGER PRIMARY KEY DEFAULT nextval('idea_category_id_seq'),
    meeting_id  INTEGER NOT NULL,
    name        VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    votes       INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
    priority_id INTEGER,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX idea_category_meeting ON idea_category (meeting_id);

-- One sticky note.
CREATE SEQUENCE idea_id_seq;
CREATE TABLE idea (
    id          INTEGER PRIMARY KEY DEFAULT nextval('idea_id_seq'),
    meeting_id  INTEGER NOT NULL,
    category_id INTEGER,
    text        VARCHAR NOT NULL CHECK (length(trim(text)) > 0),
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX idea_meeting ON idea (meeting_id);

-- Who stepped up at the call for champions, for which priority (and team,
-- when one was chartered or continued). new_champion: an industry champion
-- who had never championed a team before this meeting.
CREATE SEQUENCE commitment_id_seq;
CREATE TABLE commitment (
    id            INTEGER PRIMARY KEY DEFAULT nextval('commitment_id_seq'),
    meeting_id    INTEGER NOT NULL,
    priority_id   INTEGER NOT NULL,
    team_id       INTEGER,
    person_id     INTEGER NOT NULL,
    role          VARCHAR NOT NULL CHECK (role IN ('champion', 'member')),
    new_champion  BOOLEAN NOT NULL DEFAULT false,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX commitment_meeting ON commitment (meeting_id);

-- The follow-through clock: survey, first team meetings, one-on-ones with
-- new champions, and the next full-partnership meeting.
CREATE SEQUENCE followup_id_seq;
CREATE TABLE followup (
    id              INTEGER PRIMARY KEY DEFAULT nextval('followup_id_seq'),
    partnership_id  INTEGER NOT NULL,
    meeting_id      INTEGER NOT NULL,
    kind            VARCHAR NOT NULL
                    CHECK (kind IN ('survey', 'team_meeting', 'one_on_one', 'full_meeting')),
    team_id         INTEGER,
    person_id       INTEGER,
    item            VARCHAR NOT NULL CHECK (length(trim(item)) > 0),
    owner           VARCHAR NOT NULL DEFAULT 'Convener',
    due_on          DATE NOT NULL,
    done_on         DATE,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX followup_partnership ON followup (partnership_id);
