-- How many endorsements the public registry lists, per category, kept by
-- triggers with every write of an endorsement: the registry's total without
-- a search reads this, not the endorsements. Listed means `listed` and in
-- good standing (active or renewal due), as `db::endorsements::registry`
-- says; a test keeps it equal to a recount.
CREATE TABLE registry_counts (
    category TEXT NOT NULL PRIMARY KEY,
    count BIGINT NOT NULL
);
INSERT INTO registry_counts (category, count)
SELECT category, count(*) FROM endorsements
 WHERE listed AND status IN ('active', 'renewal_due') GROUP BY category;

CREATE TRIGGER endorsements_registry_insert AFTER INSERT ON endorsements
WHEN new.listed AND new.status IN ('active', 'renewal_due')
BEGIN
    INSERT INTO registry_counts (category, count) VALUES (new.category, 1)
    ON CONFLICT (category) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER endorsements_registry_delete AFTER DELETE ON endorsements
WHEN old.listed AND old.status IN ('active', 'renewal_due')
BEGIN
    UPDATE registry_counts SET count = count - 1 WHERE category = old.category;
END;

CREATE TRIGGER endorsements_registry_leave AFTER UPDATE OF listed, status, category ON endorsements
WHEN old.listed AND old.status IN ('active', 'renewal_due')
BEGIN
    UPDATE registry_counts SET count = count - 1 WHERE category = old.category;
END;

CREATE TRIGGER endorsements_registry_enter AFTER UPDATE OF listed, status, category ON endorsements
WHEN new.listed AND new.status IN ('active', 'renewal_due')
BEGIN
    INSERT INTO registry_counts (category, count) VALUES (new.category, 1)
    ON CONFLICT (category) DO UPDATE SET count = count + 1;
END;

