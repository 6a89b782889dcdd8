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

-- PostgreSQL changes the CHECK constraints in place (same rows, same ids, same references).
ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check,
    DROP CONSTRAINT organisation_public_subtype_check, DROP CONSTRAINT organisation_kind_source_check,
    ADD COLUMN kind_reason VARCHAR;
UPDATE organisation SET
    kind_reason = CASE
           WHEN kind_source = 'rule' AND kind <> 'unknown'
               THEN 'Classified by the rules of an earlier version, which counted any company email '
                    || 'domain as industry: check it'
           WHEN kind = 'unknown' THEN 'No rule recognised the name or email domain'
           WHEN kind_source = 'import' THEN 'The attendance file''s affiliation column'
           WHEN kind_source = 'roster' THEN 'A roster file'
           WHEN kind_source = 'convener' THEN 'Set by the convener'
           ELSE 'Demo data'
       END,
    kind = CASE kind WHEN 'unknown' THEN 'unclassified' ELSE kind END,
    public_subtype = CASE WHEN kind = 'public_partner' THEN public_subtype END,
    kind_source = CASE WHEN kind_source = 'rule' AND kind <> 'unknown' THEN 'guess' ELSE kind_source END;
ALTER TABLE organisation ALTER COLUMN kind SET DEFAULT 'unclassified',
    ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('industry', 'public_partner', 'unclassified')),
    ADD CONSTRAINT organisation_public_subtype_check CHECK (public_subtype IS NULL OR public_subtype IN
        ('education', 'workforce', 'economic_development', 'government', 'community',
         'labour', 'association', 'intermediary')),
    ADD CONSTRAINT organisation_kind_source_check
        CHECK (kind_source IN ('rule', 'guess', 'import', 'roster', 'convener', 'demo'));

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
