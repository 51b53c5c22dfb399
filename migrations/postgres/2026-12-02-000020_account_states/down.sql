DROP INDEX association_events_actor;
DROP INDEX association_events_subject;
ALTER TABLE association_events DROP COLUMN subject_id;
ALTER TABLE association_events DROP COLUMN subject_kind;

DELETE FROM account_links WHERE purpose <> 'password_reset';
ALTER TABLE account_links DROP COLUMN email;
ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('password_reset'));

ALTER TABLE users DROP COLUMN disabled_reason;
ALTER TABLE users DROP COLUMN disabled_at;
ALTER TABLE users DROP COLUMN pending_email;
ALTER TABLE users DROP COLUMN email_verified_at;
