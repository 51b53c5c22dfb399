-- Awarded endorsements. The number is unique and readable; the sequence
-- behind it is counted per prefix, category and year.
CREATE TABLE endorsements (
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
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX endorsements_holder ON endorsements (holder_id);
CREATE INDEX endorsements_status ON endorsements (status, category);

CREATE TABLE endorsement_sequences (
    key TEXT PRIMARY KEY NOT NULL,
    last BIGINT NOT NULL
);
