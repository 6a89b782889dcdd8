-- PostgreSQL twin of ../014_import_numbers.sql.
-- Each partnership numbers its own imports: "Import 1" is its first, whatever other partnerships on
-- the same installation imported before it. Until now the history showed the installation-wide batch
-- id, so a new partnership's first import could read "Import 2" (or "Import 41" on a state office's
-- server). import_batch.number is the partnership's number for the import: one more than the highest
-- of its imports still there (an undone last import's number is given again, so an undo still leaves
-- the database exactly as it was before the import). The id stays the batch's key (rows carry it, and
-- `undo-import BATCH_ID` takes it). Imports made before this version are numbered in the order made.
ALTER TABLE import_batch ADD COLUMN number INTEGER;
UPDATE import_batch SET number = r.n
FROM (SELECT id, row_number() OVER (PARTITION BY partnership_id ORDER BY id) AS n FROM import_batch) r
WHERE import_batch.id = r.id;
