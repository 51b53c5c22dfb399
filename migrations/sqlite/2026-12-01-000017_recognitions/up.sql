-- Endorsements no application here earned: one recognised from another
-- association (reciprocity), later ones imported. `origin` says which; an
-- endorsement has an application exactly when it was earned by one.
-- SQLite cannot relax NOT NULL in place, so the table is rebuilt; the
-- credentials that point to it are checked at commit.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE endorsements_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    holder_id TEXT NOT NULL REFERENCES users (id),
    application_id TEXT UNIQUE REFERENCES applications (id),
    origin TEXT NOT NULL DEFAULT 'application',
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
    lapsed_at TIMESTAMP NULL,
    CHECK ((origin = 'application') = (application_id IS NOT NULL))
);
INSERT INTO endorsements_rebuilt (id, number, holder_id, application_id, origin, category,
    awarded_at, renewal_due, status, listed, version, updated_at, status_index, verify_code,
    renewed_at, lapsed_at)
SELECT id, number, holder_id, application_id, 'application', category, awarded_at,
    renewal_due, status, listed, version, updated_at, status_index, verify_code, renewed_at,
    lapsed_at
FROM endorsements;
DROP TABLE endorsements;
ALTER TABLE endorsements_rebuilt RENAME TO endorsements;
CREATE INDEX endorsements_holder ON endorsements (holder_id);
CREATE INDEX endorsements_status ON endorsements (status, category);
CREATE UNIQUE INDEX endorsements_status_index ON endorsements (status_index);

-- A holder's request that this association recognise an endorsement another
-- association of the deployment awarded her, with the credential as it was
-- verified when she asked, and the decision.
CREATE TABLE recognitions (
    id TEXT PRIMARY KEY NOT NULL,
    holder_id TEXT NOT NULL REFERENCES users (id),
    from_association TEXT NOT NULL,
    from_association_name TEXT NOT NULL,
    from_number TEXT NOT NULL,
    from_category TEXT NOT NULL,
    from_category_name TEXT NOT NULL,
    from_holder_name TEXT NOT NULL,
    same_email BOOLEAN NOT NULL,
    endorsed_since TIMESTAMP NOT NULL,
    valid_until TIMESTAMP NULL,
    credential_jwt TEXT NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    asked_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP NULL,
    decided_by TEXT NULL REFERENCES users (id),
    reason TEXT NULL,
    endorsement_id TEXT NULL UNIQUE REFERENCES endorsements (id),
    -- Whether the platform's list of recognitions knows of the grant yet.
    published BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL
);
-- One open or granted request per endorsement of the other association.
CREATE UNIQUE INDEX recognitions_one_live ON recognitions (from_association, from_number)
    WHERE status <> 'declined';
CREATE INDEX recognitions_holder ON recognitions (holder_id, asked_at);
CREATE INDEX recognitions_status ON recognitions (status, asked_at);
