ALTER TABLE reference_requests DROP COLUMN given_on;
