DROP INDEX association_events_actor;
DROP INDEX association_events_subject;
ALTER TABLE association_events DROP COLUMN subject_id;
ALTER TABLE association_events DROP COLUMN subject_kind;

CREATE TABLE account_links_old (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('password_reset')),
    nonce TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    retired_at TIMESTAMP
);
INSERT INTO account_links_old
    SELECT id, user_id, purpose, nonce, token_hash, created_at, expires_at, used_at, retired_at
    FROM account_links WHERE purpose = 'password_reset';
DROP TABLE account_links;
ALTER TABLE account_links_old RENAME TO account_links;
CREATE INDEX account_links_by_user ON account_links (user_id, purpose);

ALTER TABLE users DROP COLUMN disabled_reason;
ALTER TABLE users DROP COLUMN disabled_at;
ALTER TABLE users DROP COLUMN pending_email;
ALTER TABLE users DROP COLUMN email_verified_at;
