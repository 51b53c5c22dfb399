-- Imports: a CSV file an admin brings from the association's earlier
-- system, checked first (the dry run: what each row would create, update or
-- why it is refused, kept in import_rows), written only once confirmed, a
-- batch at a time; `next_position` is how far the writing got, so that an
-- import taken up again after a stop goes on from there. The file's text
-- (decoded to UTF-8) is kept with it.
CREATE TABLE imports (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    delimiter TEXT NOT NULL,
    ignored_columns TEXT NOT NULL,
    content TEXT NOT NULL,
    status TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    planned_create BIGINT NOT NULL,
    planned_update BIGINT NOT NULL,
    planned_unchanged BIGINT NOT NULL,
    planned_refused BIGINT NOT NULL,
    applied_create BIGINT NOT NULL DEFAULT 0,
    applied_update BIGINT NOT NULL DEFAULT 0,
    applied_unchanged BIGINT NOT NULL DEFAULT 0,
    applied_refused BIGINT NOT NULL DEFAULT 0,
    invited BIGINT NOT NULL DEFAULT 0,
    next_position BIGINT NOT NULL DEFAULT 0,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    uploaded_at TIMESTAMP NOT NULL,
    confirmed_by TEXT REFERENCES users (id),
    confirmed_at TIMESTAMP,
    finished_at TIMESTAMP,
    version BIGINT NOT NULL
);
CREATE INDEX imports_uploaded_at ON imports (uploaded_at);
CREATE INDEX imports_status ON imports (status);

-- Each row of an import's file: what the dry run found (`outcome`, with
-- its reasons and changes in `detail`), and what writing it did.
CREATE TABLE import_rows (
    import_id TEXT NOT NULL REFERENCES imports (id),
    position BIGINT NOT NULL,
    line BIGINT NOT NULL,
    subject TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    applied TEXT,
    PRIMARY KEY (import_id, position)
);
CREATE INDEX import_rows_outcome ON import_rows (import_id, outcome, position);

-- An endorsement brought in by an import (origin 'import') names it: by
-- whom and from which file.
-- (No REFERENCES here: SQLite cannot drop a column that has one.)
ALTER TABLE endorsements ADD COLUMN import_id TEXT;

-- Account links learn a third purpose: claiming an account an import made
-- (its owner chooses the first password). SQLite cannot change a CHECK in
-- place: the table is made again with its rows.
CREATE TABLE account_links_new (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('password_reset', 'email_confirm', 'claim')),
    nonce TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    retired_at TIMESTAMP,
    email TEXT
);
INSERT INTO account_links_new
    SELECT id, user_id, purpose, nonce, token_hash, created_at, expires_at, used_at, retired_at, email
    FROM account_links;
DROP TABLE account_links;
ALTER TABLE account_links_new RENAME TO account_links;
CREATE INDEX account_links_by_user ON account_links (user_id, purpose);
