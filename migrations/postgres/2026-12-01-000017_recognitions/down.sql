DROP TABLE recognitions;
DELETE FROM credentials WHERE endorsement_id IN (SELECT id FROM endorsements WHERE application_id IS NULL);
DELETE FROM endorsements WHERE application_id IS NULL;
ALTER TABLE endorsements DROP CONSTRAINT endorsements_origin_application;
ALTER TABLE endorsements DROP COLUMN origin;
ALTER TABLE endorsements ALTER COLUMN application_id SET NOT NULL;
