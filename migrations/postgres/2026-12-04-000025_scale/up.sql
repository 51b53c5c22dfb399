-- Lists that stay flat in the size of the data.
--
-- The admins' list, newest first, with or without a status or category
-- filter, walks an index in its own order and stops after a page.
CREATE INDEX applications_newest ON applications (created_at DESC, id);
CREATE INDEX applications_status_newest ON applications (status, created_at DESC, id);
CREATE INDEX applications_category_newest ON applications (category, created_at DESC, id);

-- When each application entered its status (the pipeline's waits), written
-- with every transition; earlier ones from their latest transition in the
-- audit log, else their last change.
ALTER TABLE applications ADD COLUMN status_since TIMESTAMP;
UPDATE applications SET status_since = COALESCE(
    (SELECT max(a.at) FROM audit_events a
      WHERE a.application_id = applications.id AND a.to_status IS NOT NULL),
    updated_at);
ALTER TABLE applications ALTER COLUMN status_since SET NOT NULL;
CREATE INDEX applications_status_since ON applications (status, status_since, id);

-- How many applications entered each status on each day (UTC), kept by
-- triggers with every write of an application, whatever code makes it: the
-- pipeline's counts, medians and the list's totals read this, not the
-- applications. A test keeps it equal to a recount.
CREATE TABLE application_stage_days (
    status TEXT NOT NULL,
    day DATE NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (status, day)
);
INSERT INTO application_stage_days (status, day, count)
SELECT status, status_since::date, count(*) FROM applications GROUP BY status, status_since::date;

-- One step of the count: `delta` applications more (or fewer) in `status`
-- since `day`; a count that reaches zero goes.
CREATE FUNCTION application_stage_days_add(s TEXT, d DATE, delta BIGINT) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF delta > 0 THEN
        INSERT INTO application_stage_days (status, day, count) VALUES (s, d, delta)
        ON CONFLICT (status, day) DO UPDATE SET count = application_stage_days.count + delta;
    ELSE
        UPDATE application_stage_days SET count = count + delta WHERE status = s AND day = d;
        DELETE FROM application_stage_days WHERE status = s AND day = d AND count <= 0;
    END IF;
END $$;

-- A moved application leaves one count and joins another: the two rows are
-- locked in one order (by status, then day) whichever way it moves, so two
-- moves in opposite directions cannot wait on each other.
CREATE FUNCTION application_stage_days_keep() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM application_stage_days_add(NEW.status, NEW.status_since::date, 1);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM application_stage_days_add(OLD.status, OLD.status_since::date, -1);
    ELSIF (OLD.status, OLD.status_since::date) < (NEW.status, NEW.status_since::date) THEN
        PERFORM application_stage_days_add(OLD.status, OLD.status_since::date, -1);
        PERFORM application_stage_days_add(NEW.status, NEW.status_since::date, 1);
    ELSE
        PERFORM application_stage_days_add(NEW.status, NEW.status_since::date, 1);
        PERFORM application_stage_days_add(OLD.status, OLD.status_since::date, -1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER applications_stage_insert_delete AFTER INSERT OR DELETE ON applications
FOR EACH ROW EXECUTE FUNCTION application_stage_days_keep();
CREATE TRIGGER applications_stage_update AFTER UPDATE OF status, status_since ON applications
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status
      OR OLD.status_since::date IS DISTINCT FROM NEW.status_since::date)
EXECUTE FUNCTION application_stage_days_keep();

-- Search by part of a name or an e-mail: trigram indexes (pg_trgm, which
-- ships with PostgreSQL and may be installed by a database owner) over the
-- folded name (no case, no accents) and the address. The extension lives in
-- `public`, once per database; each association's indexes name its operator
-- class there.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
DO $$
DECLARE home TEXT;
BEGIN
    SELECT n.nspname INTO home FROM pg_extension e
      JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX users_search_name_trgm ON users USING gin (search_name %I.gin_trgm_ops)', home);
    EXECUTE format('CREATE INDEX users_email_trgm ON users USING gin (email %I.gin_trgm_ops)', home);
END $$;

-- The registry sorted by name walks the names in order.
CREATE INDEX users_search_name ON users (search_name, id);
