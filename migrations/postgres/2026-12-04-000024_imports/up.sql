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
ALTER TABLE endorsements ADD COLUMN import_id TEXT REFERENCES imports (id);

-- Account links learn a third purpose: claiming an account an import made
-- (its owner chooses the first password).
ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('password_reset', 'email_confirm', 'claim'));
