-- What an account is now: whether its e-mail address is confirmed, the
-- address waiting to replace it, and whether an admin disabled it (and why).
-- Accounts made before this have no confirmed address: they are asked to
-- confirm it, nothing is refused meanwhile.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP;
ALTER TABLE users ADD COLUMN pending_email TEXT;
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;
ALTER TABLE users ADD COLUMN disabled_reason TEXT;

-- Account links learn a second purpose, confirming an address, and keep
-- the address they confirm. SQLite cannot change a CHECK in place: the table
-- is made again with its rows (the outbox's account_link_id has no foreign
-- key on SQLite, so nothing points into it).
CREATE TABLE account_links_new (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('password_reset', 'email_confirm')),
    nonce TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    retired_at TIMESTAMP,
    email TEXT
);
INSERT INTO account_links_new (id, user_id, purpose, nonce, token_hash, created_at, expires_at, used_at, retired_at)
    SELECT id, user_id, purpose, nonce, token_hash, created_at, expires_at, used_at, retired_at FROM account_links;
DROP TABLE account_links;
ALTER TABLE account_links_new RENAME TO account_links;
CREATE INDEX account_links_by_user ON account_links (user_id, purpose);

-- The association's log names what an event is about (an account, a
-- rulebook, a key, the settings), so the audit trail can be filtered by it.
ALTER TABLE association_events ADD COLUMN subject_kind TEXT;
ALTER TABLE association_events ADD COLUMN subject_id TEXT;
CREATE INDEX association_events_subject ON association_events (subject_id, at);
CREATE INDEX association_events_actor ON association_events (actor_id, at);
