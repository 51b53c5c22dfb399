ALTER TABLE endorsements DROP COLUMN import_id;
DROP TABLE import_rows;
DROP TABLE imports;
