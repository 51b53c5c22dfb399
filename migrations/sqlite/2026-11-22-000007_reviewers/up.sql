-- Peer reviewers' profiles: the endorsements they hold, the categories they may
-- review and their load, as one JSON document per reviewer.
CREATE TABLE reviewer_profiles (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
