DROP TABLE association_events;
DROP FUNCTION association_events_append_only();
