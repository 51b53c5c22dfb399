-- Peer review. An assignment gives one reviewer one round of an application;
-- the review (a JSON form) is written on it as a draft, then submitted.
CREATE TABLE assignments (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    reviewer_id TEXT NOT NULL REFERENCES users (id),
    round BIGINT NOT NULL,
    assigned_by TEXT NOT NULL REFERENCES users (id),
    assigned_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    override_reason TEXT,
    state TEXT NOT NULL,
    released_reason TEXT,
    review TEXT NOT NULL,
    submitted_at TIMESTAMP,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A reviewer holds one live assignment per application and round.
CREATE UNIQUE INDEX assignments_one_live ON assignments (application_id, reviewer_id, round)
    WHERE state <> 'released';
CREATE INDEX assignments_reviewer ON assignments (reviewer_id, state);

-- Conflicts of interest a reviewer declared with an applicant.
CREATE TABLE conflict_declarations (
    id TEXT PRIMARY KEY NOT NULL,
    reviewer_id TEXT NOT NULL REFERENCES users (id),
    applicant_id TEXT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    declared_at TIMESTAMP NOT NULL
);
CREATE INDEX conflict_declarations_pair ON conflict_declarations (reviewer_id, applicant_id);

-- Requests for information: one row per flagged entry, with the entry as
-- submitted (before) and as the applicant left it when answering (after).
CREATE TABLE information_items (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    assignment_id TEXT NOT NULL REFERENCES assignments (id),
    round BIGINT NOT NULL,
    section TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    message TEXT NOT NULL,
    asked_at TIMESTAMP NOT NULL,
    before_data TEXT,
    after_data TEXT,
    answer TEXT,
    answered_at TIMESTAMP
);
CREATE INDEX information_items_application ON information_items (application_id, asked_at);
