-- PostgreSQL twin of ../011_invitation_signer.sql: the same tables, plus the real constraints DuckDB cannot keep
-- (foreign keys, DEFERRABLE INITIALLY DEFERRED so an undo or a merge may delete in any order
-- within its transaction; they are checked at COMMIT).

-- Who signs a meeting's invitation, when the convener names them (absent: the industry
-- champions, else the meeting's industry askers). The guide: the invitation comes from
-- business leaders to their peers.
CREATE TABLE invitation_signer (
    meeting_id      INTEGER PRIMARY KEY,
    signed_by       VARCHAR NOT NULL,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Foreign keys (the references refresh_core.schema checks on DuckDB).
ALTER TABLE invitation_signer ADD CONSTRAINT invitation_signer_meeting_id_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id) DEFERRABLE INITIALLY DEFERRED;
