-- PostgreSQL twin of ../005_access.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- Access: the conveners allowed to sign in with OpenID Connect (and the
-- partnerships each may open), and read-only share links for champions.
--
-- A share link's token is never stored: only its SHA-256 digest. Tokens are
-- 256-bit random values, so a fast digest is enough to make a leaked table
-- useless for signing in.
--
-- As in 001_core.sql, references are plain INTEGER columns (no DuckDB
-- foreign keys); refresh_core.access registers them with refresh_core.integrity.

CREATE SEQUENCE convener_id_seq;
CREATE TABLE convener (
    id          INTEGER PRIMARY KEY DEFAULT nextval('convener_id_seq'),
    email       VARCHAR NOT NULL UNIQUE CHECK (email = lower(trim(email)) AND email LIKE '%_@_%'),
    is_admin    BOOLEAN NOT NULL DEFAULT false,
    added_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Which partnerships a (non-admin) convener may open; admins open all.
CREATE TABLE convener_partnership (
    convener_id     INTEGER NOT NULL,
    partnership_id  INTEGER NOT NULL,
    PRIMARY KEY (convener_id, partnership_id)
);

CREATE SEQUENCE share_link_id_seq;
CREATE TABLE share_link (
    id              INTEGER PRIMARY KEY DEFAULT nextval('share_link_id_seq'),
    partnership_id  INTEGER NOT NULL,
    label           VARCHAR NOT NULL CHECK (length(trim(label)) > 0),
    token_sha256    VARCHAR NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    last_used_at    TIMESTAMP,
    revoked_at      TIMESTAMP,
    CHECK (expires_at > created_at)
);
CREATE INDEX share_link_partnership ON share_link (partnership_id);

-- Foreign keys (the references refresh_core.schema checks on DuckDB).
ALTER TABLE share_link ADD CONSTRAINT share_link_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE convener_partnership ADD CONSTRAINT convener_partnership_convener_id_fk FOREIGN KEY (convener_id) REFERENCES convener (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE convener_partnership ADD CONSTRAINT convener_partnership_partnership_id_fk FOREIGN KEY (partnership_id) REFERENCES partnership (id) DEFERRABLE INITIALLY DEFERRED;
