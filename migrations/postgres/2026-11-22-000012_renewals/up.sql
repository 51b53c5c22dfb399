-- Renewals and reinstatements a holder submits, one covering each of their
-- endorsements due; at most one waits for a decision at a time.
CREATE TABLE renewals (
    id TEXT PRIMARY KEY NOT NULL,
    holder_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    numbers TEXT NOT NULL,
    provides_rsc BOOLEAN NOT NULL,
    report TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    decided_by TEXT NULL REFERENCES users (id),
    decided_at TIMESTAMP NULL,
    reason TEXT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX renewals_holder ON renewals (holder_id, submitted_at);
CREATE INDEX renewals_status ON renewals (status, submitted_at);
CREATE UNIQUE INDEX renewals_one_waiting ON renewals (holder_id) WHERE status = 'submitted';

-- When an endorsement was last renewed (its hours count from then), and when
-- it lapsed (reinstatement asks for what came since).
ALTER TABLE endorsements ADD COLUMN renewed_at TIMESTAMP NULL;
ALTER TABLE endorsements ADD COLUMN lapsed_at TIMESTAMP NULL;
