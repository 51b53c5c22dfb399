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
ALTER TABLE applications ADD COLUMN status_since TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE applications SET status_since = COALESCE(
    (SELECT max(a.at) FROM audit_events a
      WHERE a.application_id = applications.id AND a.to_status IS NOT NULL),
    updated_at);
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
SELECT status, date(status_since), count(*) FROM applications GROUP BY status, date(status_since);

CREATE TRIGGER applications_stage_insert AFTER INSERT ON applications
BEGIN
    INSERT INTO application_stage_days (status, day, count)
    VALUES (new.status, date(new.status_since), 1)
    ON CONFLICT (status, day) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER applications_stage_update AFTER UPDATE OF status, status_since ON applications
WHEN old.status IS NOT new.status OR date(old.status_since) IS NOT date(new.status_since)
BEGIN
    UPDATE application_stage_days SET count = count - 1
     WHERE status = old.status AND day = date(old.status_since);
    DELETE FROM application_stage_days
     WHERE status = old.status AND day = date(old.status_since) AND count <= 0;
    INSERT INTO application_stage_days (status, day, count)
    VALUES (new.status, date(new.status_since), 1)
    ON CONFLICT (status, day) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER applications_stage_delete AFTER DELETE ON applications
BEGIN
    UPDATE application_stage_days SET count = count - 1
     WHERE status = old.status AND day = date(old.status_since);
    DELETE FROM application_stage_days
     WHERE status = old.status AND day = date(old.status_since) AND count <= 0;
END;

-- Search by part of a name or an e-mail: a trigram index (FTS5) over the
-- folded name (no case, no accents) and the address, holding only the index;
-- its rows are the users' rowids, kept by triggers. A later migration that
-- rebuilds `users` must make these triggers again and
-- `INSERT INTO users_search (users_search) VALUES ('rebuild')`.
CREATE VIRTUAL TABLE users_search USING fts5(
    search_name, email, content = 'users', content_rowid = 'rowid', tokenize = 'trigram'
);
INSERT INTO users_search (users_search) VALUES ('rebuild');

CREATE TRIGGER users_search_insert AFTER INSERT ON users
BEGIN
    INSERT INTO users_search (rowid, search_name, email)
    VALUES (new.rowid, new.search_name, new.email);
END;

CREATE TRIGGER users_search_update AFTER UPDATE OF search_name, email ON users
BEGIN
    INSERT INTO users_search (users_search, rowid, search_name, email)
    VALUES ('delete', old.rowid, old.search_name, old.email);
    INSERT INTO users_search (rowid, search_name, email)
    VALUES (new.rowid, new.search_name, new.email);
END;

CREATE TRIGGER users_search_delete AFTER DELETE ON users
BEGIN
    INSERT INTO users_search (users_search, rowid, search_name, email)
    VALUES ('delete', old.rowid, old.search_name, old.email);
END;

-- The registry sorted by name walks the names in order.
CREATE INDEX users_search_name ON users (search_name, id);
