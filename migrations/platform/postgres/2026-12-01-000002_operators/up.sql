-- Platform operators: they make associations and watch their health, and
-- read an association's records only through a support grant its admin made.
CREATE TABLE operators (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Time-limited, read-only access an association's admin gave an operator.
CREATE TABLE support_grants (
    id TEXT PRIMARY KEY NOT NULL,
    association_code TEXT NOT NULL REFERENCES associations (code),
    operator_id TEXT NOT NULL REFERENCES operators (id),
    granted_by TEXT NOT NULL,
    granted_by_name TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX support_grants_association ON support_grants (association_code, operator_id);

-- What operators did (and what was done to their access), newest last.
CREATE TABLE platform_events (
    id TEXT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    operator_id TEXT,
    association_code TEXT,
    action TEXT NOT NULL,
    details TEXT NOT NULL
);
CREATE INDEX platform_events_at ON platform_events (at);

-- Failed operator sign-ins, as the associations keep theirs.
CREATE TABLE rate_limit_events (
    id TEXT PRIMARY KEY NOT NULL,
    key TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX rate_limit_events_key_at ON rate_limit_events (key, at);
CREATE INDEX rate_limit_events_at ON rate_limit_events (at);
