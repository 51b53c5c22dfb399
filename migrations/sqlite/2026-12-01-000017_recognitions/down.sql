DROP TABLE recognitions;
PRAGMA defer_foreign_keys = ON;
DELETE FROM credentials WHERE endorsement_id IN (SELECT id FROM endorsements WHERE application_id IS NULL);
DELETE FROM endorsements WHERE application_id IS NULL;
CREATE TABLE endorsements_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    holder_id TEXT NOT NULL REFERENCES users (id),
    application_id TEXT NOT NULL UNIQUE REFERENCES applications (id),
    category TEXT NOT NULL,
    awarded_at TIMESTAMP NOT NULL,
    renewal_due TIMESTAMP NOT NULL,
    status TEXT NOT NULL,
    listed BOOLEAN NOT NULL,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    status_index BIGINT NULL,
    verify_code TEXT NULL,
    renewed_at TIMESTAMP NULL,
    lapsed_at TIMESTAMP NULL
);
INSERT INTO endorsements_rebuilt SELECT id, number, holder_id, application_id, category,
    awarded_at, renewal_due, status, listed, version, updated_at, status_index, verify_code,
    renewed_at, lapsed_at
FROM endorsements;
DROP TABLE endorsements;
ALTER TABLE endorsements_rebuilt RENAME TO endorsements;
CREATE INDEX endorsements_holder ON endorsements (holder_id);
CREATE INDEX endorsements_status ON endorsements (status, category);
CREATE UNIQUE INDEX endorsements_status_index ON endorsements (status_index);
