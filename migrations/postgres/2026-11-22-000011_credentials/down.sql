DROP INDEX endorsements_status_index;
ALTER TABLE endorsements DROP COLUMN verify_code;
ALTER TABLE endorsements DROP COLUMN status_index;
DROP TABLE credentials;
DROP TABLE issuer_keys;
