DROP TABLE rate_limit_events;
DROP TABLE platform_events;
DROP TABLE support_grants;
DROP TABLE operators;
