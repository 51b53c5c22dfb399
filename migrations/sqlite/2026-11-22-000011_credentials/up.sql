-- The issuer's signing keys. The private half is sealed with
-- ENDORSE_SIGNING_KEY_SECRET; retired keys stay, so that every credential
-- they signed still verifies.
CREATE TABLE issuer_keys (
    kid TEXT PRIMARY KEY NOT NULL,
    public_key TEXT NOT NULL,
    sealed_private_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    retired_at TIMESTAMP NULL
);

-- Every credential issued for an endorsement (a new one at each renewal).
CREATE TABLE credentials (
    id TEXT PRIMARY KEY NOT NULL,
    endorsement_id TEXT NOT NULL REFERENCES endorsements (id),
    kid TEXT NOT NULL REFERENCES issuer_keys (kid),
    jwt TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    valid_until TIMESTAMP NOT NULL
);
CREATE INDEX credentials_endorsement ON credentials (endorsement_id, issued_at);

-- The endorsement's bit in the status lists, and the code that lets whoever
-- holds its certificate fetch its credential.
ALTER TABLE endorsements ADD COLUMN status_index BIGINT NULL;
ALTER TABLE endorsements ADD COLUMN verify_code TEXT NULL;
CREATE UNIQUE INDEX endorsements_status_index ON endorsements (status_index);
