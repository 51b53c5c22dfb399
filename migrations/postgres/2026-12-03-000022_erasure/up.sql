-- An account erased on request keeps only its id (the trail and any issued
-- endorsement name it); when it was erased.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMP;
