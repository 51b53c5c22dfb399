-- Endorsements no application here earned: one recognised from another
-- association (reciprocity), later ones imported. `origin` says which; an
-- endorsement has an application exactly when it was earned by one.
ALTER TABLE endorsements ALTER COLUMN application_id DROP NOT NULL;
ALTER TABLE endorsements ADD COLUMN origin TEXT NOT NULL DEFAULT 'application';
ALTER TABLE endorsements ADD CONSTRAINT endorsements_origin_application
    CHECK ((origin = 'application') = (application_id IS NOT NULL));

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
