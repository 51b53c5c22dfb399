DROP TABLE association_events;
