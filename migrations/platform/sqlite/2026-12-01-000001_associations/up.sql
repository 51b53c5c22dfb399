-- The platform: the associations one deployment serves. Each association's
-- own records live in a database of their own (SQLite: a file; PostgreSQL: a
-- schema with a role of its own), named by `storage`; this table is the only
-- place that knows them all.
CREATE TABLE associations (
    -- Short, lowercase, stable: the `/a/{code}/` path, the file or schema name.
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    -- Its own host name (`mi.example.org`), lowercase, or none: then it is
    -- reached at `/a/{code}/` on the deployment's address.
    host TEXT UNIQUE,
    -- Where its records are: '' is the deployment's own database (the
    -- association a deployment made before associations became), otherwise
    -- a file under associations/ (SQLite) or a schema (PostgreSQL).
    storage TEXT NOT NULL UNIQUE,
    -- The association the deployment's bare address serves.
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    time_zone TEXT NOT NULL,
    currency TEXT NOT NULL,
    language TEXT NOT NULL,
    primary_colour TEXT NOT NULL,
    accent_colour TEXT NOT NULL,
    -- An SVG or PNG logo as a data: URL, or none.
    logo TEXT,
    mail_from TEXT NOT NULL,
    mail_reply_to TEXT NOT NULL,
    mail_signature TEXT NOT NULL,
    -- Its own SMTP server (sealed with the deployment's signing-key secret),
    -- or none: then the deployment's.
    smtp_url_sealed TEXT,
    -- Whether its public registry takes part in the search across associations.
    registry_shared BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX associations_one_default ON associations (is_default) WHERE is_default;
