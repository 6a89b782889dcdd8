-- What a prospect list did, in a convener's words: how many people it listed as prospects and how
-- many askers it named. Its people_added and people_matched count every person the file touched,
-- askers included (an asker named in the file is matched or created like a prospect), so the import
-- history could not tell "29 prospects and 3 askers" from "32 prospects". NULL for other imports.
-- Lists imported before this version keep the prospect rows they loaded (rows read less rows
-- rejected); how many askers they named was never recorded and stays NULL ("not recorded").
ALTER TABLE import_batch ADD COLUMN prospects INTEGER;
ALTER TABLE import_batch ADD COLUMN askers INTEGER;
UPDATE import_batch SET prospects = rows_read - rows_rejected WHERE format = 'prospects';
