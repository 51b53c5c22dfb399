-- The association's own log: changes to its settings and every support
-- access an admin grants or a platform operator uses. Append-only.
CREATE TABLE association_events (
    id TEXT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    -- A person of the association, or a platform operator (not a user here).
    actor_id TEXT,
    actor_name TEXT NOT NULL,
    ip TEXT,
    action TEXT NOT NULL,
    details TEXT NOT NULL
);
CREATE INDEX association_events_at ON association_events (at);

CREATE TRIGGER association_events_no_update BEFORE UPDATE ON association_events
BEGIN
    SELECT RAISE(ABORT, 'association events are append-only');
END;

CREATE TRIGGER association_events_no_delete BEFORE DELETE ON association_events
BEGIN
    SELECT RAISE(ABORT, 'association events are append-only');
END;
