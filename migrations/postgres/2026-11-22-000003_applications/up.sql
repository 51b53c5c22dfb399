-- Reference requests (the referee flow arrives later; the engine reads them now),
-- applications pinned to a rulebook version, and the frozen snapshots of what
-- each submission counted.
CREATE TABLE reference_requests (
    id TEXT PRIMARY KEY NOT NULL,
    applicant_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE INDEX reference_requests_applicant_idx ON reference_requests (applicant_id, created_at);

CREATE TABLE applications (
    id TEXT PRIMARY KEY NOT NULL,
    applicant_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    rulebook_version BIGINT NOT NULL REFERENCES rulebook_versions (number),
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP
);

-- At most one open application per person and category, whatever races.
CREATE UNIQUE INDEX applications_one_open_per_category ON applications (applicant_id, category)
    WHERE status NOT IN ('withdrawn', 'endorsed', 'emerging', 'not_endorsed');
CREATE INDEX applications_status_idx ON applications (status, submitted_at);
CREATE INDEX applications_category_idx ON applications (category, submitted_at);
CREATE INDEX applications_applicant_idx ON applications (applicant_id, created_at);

CREATE TABLE application_snapshots (
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    round BIGINT NOT NULL,
    taken_at TIMESTAMP NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (application_id, round)
);
