-- The language each person chose (NULL: not chosen, so their browser's or the
-- association's is used), and the one an applicant chose for each reference
-- request (the referee may change it on the page). Mail follows these.
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('en', 'es'));
ALTER TABLE reference_requests ADD COLUMN language TEXT CHECK (language IN ('en', 'es'));
