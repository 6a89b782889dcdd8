-- PostgreSQL twin of ../008_import_ownership.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- Attendance knows every import that recorded it, so undoing one import removes
-- only the attendance no other live import also recorded (issue 13: import A,
-- then an overlapping B, then undo A must leave B's people at the meeting).
--
-- attendance.batch_id stays "the import that first added the row" (NULL for
-- rows entered by hand or by the demo, which an undo never removes);
-- batch_ids lists every import that recorded the row, the first one included.
-- A merge that drops a duplicate attendance row keeps its list, so undoing
-- the merge puts it back whole.

ALTER TABLE attendance ADD COLUMN batch_ids INTEGER[];
UPDATE attendance SET batch_ids = ARRAY[batch_id] WHERE batch_id IS NOT NULL;

ALTER TABLE person_merge_attendance ADD COLUMN batch_ids INTEGER[];
UPDATE person_merge_attendance SET batch_ids = ARRAY[batch_id] WHERE batch_id IS NOT NULL;
