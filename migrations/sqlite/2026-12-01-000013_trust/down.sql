ALTER TABLE users DROP COLUMN search_name;
ALTER TABLE reference_requests DROP COLUMN answer_in_applicant_session;
ALTER TABLE reference_requests DROP COLUMN answer_device_hash;
ALTER TABLE refresh_tokens DROP COLUMN device_hash;
