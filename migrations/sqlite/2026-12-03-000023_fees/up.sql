-- Fees settled: one row per fee a person paid (online or offline) or had
-- waived. What is owed is not stored: it follows from the person's
-- applications and endorsements and their rulebook versions. A fee is
-- settled once (person, fee key); the amount is in hundredths of the
-- currency, as it was received.
CREATE TABLE payments (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES users (id),
    fee_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    method TEXT NOT NULL,
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    reference TEXT,
    reason TEXT,
    paid_on TIMESTAMP NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by TEXT REFERENCES users (id),
    receipt_number TEXT,
    checkout_session TEXT
);
CREATE UNIQUE INDEX payments_settle_once ON payments (person_id, fee_key);
CREATE UNIQUE INDEX payments_receipt_number ON payments (receipt_number);
CREATE UNIQUE INDEX payments_checkout_session ON payments (checkout_session);
CREATE INDEX payments_paid_on ON payments (paid_on, id);

-- Online payments begun: the Checkout Sessions made at Stripe, so that an
-- event is believed only for a session Endorse made, for its fee and amount.
CREATE TABLE checkout_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES users (id),
    fee_key TEXT NOT NULL,
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    url TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP
);
CREATE INDEX checkout_sessions_by_fee ON checkout_sessions (person_id, fee_key, created_at);

-- Every Stripe event taken, by its id: a replayed event is answered and
-- changes nothing.
CREATE TABLE stripe_events (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    outcome TEXT NOT NULL
);
