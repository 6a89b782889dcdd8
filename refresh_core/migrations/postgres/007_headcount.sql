-- PostgreSQL twin of ../007_headcount.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- A true headcount: organisation kinds that match the model, the organisation
-- a person came with at each meeting, a partnership's cadence, and the
-- installation's shared knowledge of organisations.
--
-- DuckDB cannot change a CHECK constraint in place, so the organisation table
-- is rebuilt (same ids, same sequence) with the new kinds, subtypes and sources:
--   kind         'unknown' becomes 'unclassified' (never counted as industry or public);
--   public_subtype  adds labour (unions), association (chambers, trade associations)
--                and intermediary (staffing agencies);
--   kind_source  adds 'guess' (a weak signal, first in the convener's queue);
--   kind_reason  the rule or reason behind the kind, in words.
-- Kinds an earlier version's rules gave (source 'rule') become guesses: those
-- rules counted any company email domain as industry, so each needs a look.

-- Rebuilt as on DuckDB (same ids, same sequence, same column order), its foreign keys re-made.
CREATE TABLE organisation_v7 (
    id              INTEGER PRIMARY KEY DEFAULT nextval('organisation_id_seq'),
    partnership_id  INTEGER NOT NULL,
    name            VARCHAR NOT NULL,
    name_key        VARCHAR NOT NULL,
    domain          VARCHAR,
    kind            VARCHAR NOT NULL DEFAULT 'unclassified'
                    CHECK (kind IN ('industry', 'public_partner', 'unclassified')),
    public_subtype  VARCHAR CHECK (public_subtype IS NULL OR public_subtype IN
                    ('education', 'workforce', 'economic_development', 'government', 'community',
                     'labour', 'association', 'intermediary')),
    kind_source     VARCHAR NOT NULL DEFAULT 'rule'
                    CHECK (kind_source IN ('rule', 'guess', 'import', 'roster', 'convener', 'demo')),
    kind_reason     VARCHAR,
    batch_id        INTEGER,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

INSERT INTO organisation_v7 (id, partnership_id, name, name_key, domain, kind, public_subtype,
                             kind_source, kind_reason, batch_id, created_at)
SELECT id, partnership_id, name, name_key, domain,
       CASE kind WHEN 'unknown' THEN 'unclassified' ELSE kind END,
       CASE WHEN kind = 'public_partner' THEN public_subtype END,
       CASE WHEN kind_source = 'rule' AND kind <> 'unknown' THEN 'guess' ELSE kind_source END,
       CASE
           WHEN kind_source = 'rule' AND kind <> 'unknown'
               THEN 'Classified by the rules of an earlier version, which counted any company email '
                    || 'domain as industry: check it'
           WHEN kind = 'unknown' THEN 'No rule recognised the name or email domain'
           WHEN kind_source = 'import' THEN 'The attendance file''s affiliation column'
           WHEN kind_source = 'roster' THEN 'A roster file'
           WHEN kind_source = 'convener' THEN 'Set by the convener'
           ELSE 'Demo data'
       END,
       batch_id, created_at
FROM organisation;

ALTER TABLE person DROP CONSTRAINT person_organisation_id_fk;
ALTER TABLE organisation DROP CONSTRAINT organisation_partnership_id_fk;
DROP TABLE organisation;
ALTER TABLE organisation_v7 RENAME TO organisation;
ALTER INDEX organisation_v7_pkey RENAME TO organisation_pkey;
CREATE INDEX organisation_partnership ON organisation (partnership_id);
ALTER TABLE organisation ADD CONSTRAINT organisation_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE person ADD CONSTRAINT person_organisation_id_fk FOREIGN KEY (organisation_id) REFERENCES organisation (id) DEFERRABLE INITIALLY DEFERRED;

-- Affiliation at the time: the organisation the person came with to this
-- meeting (from that file's company column or email domain). NULL: not known
-- for that meeting, so the person's current organisation stands in.
ALTER TABLE attendance ADD COLUMN organisation_id INTEGER;
UPDATE attendance SET organisation_id = p.organisation_id
FROM person p WHERE p.id = attendance.person_id;

-- A merge that drops a duplicate attendance keeps its organisation for the undo.
ALTER TABLE person_merge_attendance ADD COLUMN organisation_id INTEGER;

-- How often the whole partnership meets: monthly, bimonthly or quarterly
-- (checked in refresh_core.partnerships, and here by the database).
ALTER TABLE partnership ADD COLUMN cadence VARCHAR DEFAULT 'quarterly'
    CHECK (cadence IN ('monthly', 'bimonthly', 'quarterly'));

-- What conveners (and roster files) said about an organisation, shared by
-- every partnership of the installation: looked up by normalised name, then
-- by email domain, whenever an import or a roster meets the organisation.
CREATE TABLE organisation_knowledge (
    key_type        VARCHAR NOT NULL CHECK (key_type IN ('name', 'domain')),
    key             VARCHAR NOT NULL CHECK (length(key) > 0),
    name            VARCHAR NOT NULL,       -- the name it was set under, for display
    kind            VARCHAR NOT NULL CHECK (kind IN ('industry', 'public_partner', 'unclassified')),
    public_subtype  VARCHAR CHECK (public_subtype IS NULL OR public_subtype IN
                    ('education', 'workforce', 'economic_development', 'government', 'community',
                     'labour', 'association', 'intermediary')),
    source          VARCHAR NOT NULL CHECK (source IN ('convener', 'roster')),
    partnership_id  INTEGER,                -- where it was decided (informational)
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (key_type, key)
);

ALTER TABLE attendance ADD CONSTRAINT attendance_organisation_id_fk FOREIGN KEY (organisation_id) REFERENCES organisation (id) DEFERRABLE INITIALLY DEFERRED;
