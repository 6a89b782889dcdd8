-- PostgreSQL twin of ../010_shared_state.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- State that several app servers on one database must share (it used to live in
-- one server process's memory):
--
-- access_failure: failed convener sign-ins and share-link guesses, for the rate
--   limits (refresh_core.hosting.limits). Only a SHA-256 digest of the client's
--   address is kept, never the address; old rows are deleted as new ones come.
-- app_task: one row per shared chore. ``last_run_at`` says when any server last
--   ran a periodic one (the daily-backup check); ``holder``/``held_until`` lease
--   an exclusive one (imports) to one session at a time, expiring on their own
--   if that server dies (refresh_core.hosting.tasks).

CREATE TABLE access_failure (
    scope          VARCHAR NOT NULL CHECK (scope IN ('share', 'password')),
    client_sha256  VARCHAR NOT NULL CHECK (length(client_sha256) = 64),
    failed_at      TIMESTAMP NOT NULL
);

CREATE TABLE app_task (
    name         VARCHAR PRIMARY KEY,
    last_run_at  TIMESTAMP,
    holder       VARCHAR,
    held_until   TIMESTAMP,
    CHECK ((holder IS NULL) = (held_until IS NULL))
);
INSERT INTO app_task (name) VALUES ('daily_backup'), ('import');
