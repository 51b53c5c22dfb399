-- Links mailed to a person about their own account (today: setting a new
-- password). As with referees' links, the token in the link is
-- HMAC(server key, nonce): the row keeps the nonce (so the link is made at
-- delivery, never stored in the outbox) and the token's SHA-256 (to find the
-- row from a presented link). A link works once, until it expires, and only
-- while it is the person's newest of its purpose: asking again retires it.
CREATE TABLE account_links (
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
CREATE INDEX account_links_by_user ON account_links (user_id, purpose);

-- The message that carries such a link names it, so delivery can make the
-- link (or skip the message when the link no longer works).
ALTER TABLE outbox ADD COLUMN account_link_id TEXT REFERENCES account_links (id) ON DELETE SET NULL;
