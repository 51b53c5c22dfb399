CREATE TABLE account_links_old (
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
INSERT INTO account_links_old
    SELECT id, user_id, purpose, nonce, token_hash, created_at, expires_at, used_at, retired_at, email
    FROM account_links WHERE purpose <> 'claim';
DROP TABLE account_links;
ALTER TABLE account_links_old RENAME TO account_links;
CREATE INDEX account_links_by_user ON account_links (user_id, purpose);

ALTER TABLE endorsements DROP COLUMN import_id;
DROP TABLE import_rows;
DROP TABLE imports;
