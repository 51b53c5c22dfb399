ALTER TABLE endorsements DROP COLUMN lapsed_at;
ALTER TABLE endorsements DROP COLUMN renewed_at;
DROP TABLE renewals;
