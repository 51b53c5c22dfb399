DROP TABLE portfolio_notes;
DROP TABLE portfolio_entries;
DROP TABLE rulebook_versions;
