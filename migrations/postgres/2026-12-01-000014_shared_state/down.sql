DROP TABLE leases;
DROP TABLE rate_limit_events;
