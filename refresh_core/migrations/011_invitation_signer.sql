-- Who signs a meeting's invitation, when the convener names them (absent: the industry
-- champions, else the meeting's industry askers). The guide: the invitation comes from
-- business leaders to their peers.
CREATE TABLE invitation_signer (
    meeting_id      INTEGER PRIMARY KEY,
    signed_by       VARCHAR NOT NULL,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
