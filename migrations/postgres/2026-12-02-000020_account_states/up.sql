-- What an account is now: whether its e-mail address is confirmed, the
-- address waiting to replace it, and whether an admin disabled it (and why).
-- Accounts made before this have no confirmed address: they are asked to
-- confirm it, nothing is refused meanwhile.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP;
ALTER TABLE users ADD COLUMN pending_email TEXT;
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;
ALTER TABLE users ADD COLUMN disabled_reason TEXT;

-- Account links learn a second purpose, confirming an address, and keep
-- the address they confirm.
ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('password_reset', 'email_confirm'));
ALTER TABLE account_links ADD COLUMN email TEXT;

-- The association's log names what an event is about (an account, a
-- rulebook, a key, the settings), so the audit trail can be filtered by it.
ALTER TABLE association_events ADD COLUMN subject_kind TEXT;
ALTER TABLE association_events ADD COLUMN subject_id TEXT;
CREATE INDEX association_events_subject ON association_events (subject_id, at);
CREATE INDEX association_events_actor ON association_events (actor_id, at);
