-- The day a rating was given, as the association counts days (its time
-- zone), kept with it; imported ratings keep their original day. Ratings
-- given before this change were dated by their UTC day, as they were read.
ALTER TABLE reference_requests ADD COLUMN given_on TIMESTAMP;
UPDATE reference_requests SET given_on = date_trunc('day', answered_at)
    WHERE answered_at IS NOT NULL;
