DROP TRIGGER endorsements_registry_enter;
DROP TRIGGER endorsements_registry_leave;
DROP TRIGGER endorsements_registry_delete;
DROP TRIGGER endorsements_registry_insert;
DROP TABLE registry_counts;
