-- The second factor: a person's one-time-password key (sealed under the
-- deployment's signing-key secret, bound to the account), the key being set
-- up and not yet confirmed, when it was turned on, and the last step a code
-- was taken for (a code is taken once: the step must grow).
ALTER TABLE users ADD COLUMN totp_secret_sealed TEXT;
ALTER TABLE users ADD COLUMN totp_pending_sealed TEXT;
ALTER TABLE users ADD COLUMN totp_enrolled_at TIMESTAMP;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Recovery codes, each good once; only their hashes are kept.
CREATE TABLE recovery_codes (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE UNIQUE INDEX recovery_codes_by_user ON recovery_codes (user_id, code_hash);

-- The audit trail reads both logs newest first, by time then id.
CREATE INDEX audit_events_at ON audit_events (at, id);
CREATE INDEX audit_events_actor ON audit_events (actor_id, at);
CREATE INDEX association_events_at_id ON association_events (at, id);
