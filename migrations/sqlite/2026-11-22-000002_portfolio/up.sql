-- Published rulebook versions, and each person's portfolio.
CREATE TABLE rulebook_versions (
    number BIGINT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    published_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    published_at TIMESTAMP NOT NULL
);

CREATE TABLE portfolio_entries (
    id TEXT PRIMARY KEY NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    section TEXT NOT NULL CHECK (section IN ('education', 'work', 'training', 'rsc', 'agreements', 'membership')),
    version BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE INDEX portfolio_entries_owner_idx ON portfolio_entries (owner_id, section, created_at);

CREATE TABLE portfolio_notes (
    owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    section TEXT NOT NULL CHECK (section IN ('education', 'work', 'training', 'rsc', 'agreements', 'membership')),
    note TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (owner_id, section)
);
