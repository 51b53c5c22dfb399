-- The referee flow: a reference request carries a secret link (stored only as a
-- hash), the referee's draft and final answer, and where it stands. `body` keeps
-- what the applicant asked (the referee's name, e-mail, relationship, waiver).
ALTER TABLE reference_requests ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE reference_requests ADD COLUMN token_hash TEXT;
ALTER TABLE reference_requests ADD COLUMN link_nonce TEXT;
ALTER TABLE reference_requests ADD COLUMN link_generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE reference_requests ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE reference_requests ADD COLUMN opened_at TIMESTAMP;
ALTER TABLE reference_requests ADD COLUMN answered_at TIMESTAMP;
ALTER TABLE reference_requests ADD COLUMN draft TEXT;
ALTER TABLE reference_requests ADD COLUMN answer TEXT;
ALTER TABLE reference_requests ADD COLUMN requested_ip TEXT;
ALTER TABLE reference_requests ADD COLUMN answer_ip TEXT;
ALTER TABLE reference_requests ADD COLUMN replaced_by TEXT;

CREATE UNIQUE INDEX reference_requests_token_idx ON reference_requests (token_hash);

-- Where a session was used from: a reviewer signal compares it with the IP a
-- referee answered from.
ALTER TABLE refresh_tokens ADD COLUMN ip TEXT;

-- Every e-mail, written in the same transaction as the change that causes it and
-- delivered by a background worker. `dedupe_key` makes a reminder unique however
-- often the scheduler runs.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    dedupe_key TEXT UNIQUE,
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    to_name TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    reference_id TEXT REFERENCES reference_requests (id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);

CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
CREATE INDEX outbox_reference_idx ON outbox (reference_id, created_at);
CREATE INDEX outbox_created_idx ON outbox (created_at);

-- Every delivery attempt, successful or not.
CREATE TABLE outbox_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    message_id TEXT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    attempted_at TIMESTAMP NOT NULL,
    transport TEXT NOT NULL,
    ok BOOLEAN NOT NULL,
    error TEXT
);

CREATE INDEX outbox_attempts_message_idx ON outbox_attempts (message_id, attempted_at);
