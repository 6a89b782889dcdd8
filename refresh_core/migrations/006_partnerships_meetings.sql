-- Partnerships a convener can put away without deleting anything: an archived
-- partnership leaves the sidebar and the default lists, and can be restored.
ALTER TABLE partnership ADD COLUMN archived_at TIMESTAMP;
