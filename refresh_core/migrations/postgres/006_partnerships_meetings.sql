-- PostgreSQL twin of ../006_partnerships_meetings.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- Partnerships a convener can put away without deleting anything: an archived
-- partnership leaves the sidebar and the default lists, and can be restored.
ALTER TABLE partnership ADD COLUMN archived_at TIMESTAMP;
