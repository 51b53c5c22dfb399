DROP TABLE stripe_events;
DROP TABLE checkout_sessions;
DROP TABLE payments;
