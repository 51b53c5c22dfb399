DROP TRIGGER endorsements_registry_counts ON endorsements;
DROP FUNCTION registry_counts_keep();
DROP TABLE registry_counts;
