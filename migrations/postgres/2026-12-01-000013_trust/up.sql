-- The browser a session signed in from (the SHA-256 of its device cookie), and
-- the browser and session a referee answered from: what tells reviewers that
-- a rating may have been given by the applicant.
ALTER TABLE refresh_tokens ADD COLUMN device_hash TEXT NULL;
ALTER TABLE reference_requests ADD COLUMN answer_device_hash TEXT NULL;
ALTER TABLE reference_requests ADD COLUMN answer_in_applicant_session BOOLEAN NOT NULL DEFAULT FALSE;

-- A person's name as search compares it (lower case, without accents), kept
-- by the application beside the name; rows from before are filled in at
-- start-up.
ALTER TABLE users ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
