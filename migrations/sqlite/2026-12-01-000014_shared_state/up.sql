-- What every server process must see alike when several share one database.

-- Rate-limited events (failed sign-ins, registrations, unknown referee
-- links), one row each, so the limits hold across processes. Old rows are
-- swept by the worker.
CREATE TABLE rate_limit_events (
    id TEXT PRIMARY KEY NOT NULL,
    key TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX rate_limit_events_key_at ON rate_limit_events (key, at);
CREATE INDEX rate_limit_events_at ON rate_limit_events (at);

-- Leases on work that must run in one process at a time (the schedule): the
-- holder keeps it until it expires.
CREATE TABLE leases (
    name TEXT PRIMARY KEY NOT NULL,
    holder TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
