-- Uploaded documents (transcripts, certificates): the bytes live in the object
-- store, their facts here.
CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX documents_owner_idx ON documents (owner_id, created_at);
