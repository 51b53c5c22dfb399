DROP INDEX association_events_at_id;
DROP INDEX audit_events_actor;
DROP INDEX audit_events_at;
DROP TABLE recovery_codes;
ALTER TABLE users DROP COLUMN totp_last_step;
ALTER TABLE users DROP COLUMN totp_enrolled_at;
ALTER TABLE users DROP COLUMN totp_pending_sealed;
ALTER TABLE users DROP COLUMN totp_secret_sealed;
