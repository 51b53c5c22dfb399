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

CREATE FUNCTION association_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'association events are append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER association_events_no_change BEFORE UPDATE OR DELETE ON association_events
FOR EACH ROW EXECUTE FUNCTION association_events_append_only();
