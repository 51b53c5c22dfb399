DROP TABLE information_items;
DROP TABLE conflict_declarations;
DROP TABLE assignments;
