-- The audit log: every transition and every change to a submitted application,
-- who made it, when, from where and why. Append-only: the trigger refuses any
-- change or removal, so nothing can rewrite history.
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    seq BIGINT NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_id TEXT REFERENCES users (id),
    actor_role TEXT NOT NULL,
    ip TEXT,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    reason TEXT,
    details TEXT NOT NULL
);

-- The order of an application's events, whatever the clock says.
CREATE UNIQUE INDEX audit_events_application_seq ON audit_events (application_id, seq);

CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
