-- How many endorsements the public registry lists, per category, kept by
-- triggers with every write of an endorsement: the registry's total without
-- a search reads this, not the endorsements. Listed means `listed` and in
-- good standing (active or renewal due), as `db::endorsements::registry`
-- says; a test keeps it equal to a recount. A trigger touches only its
-- endorsement's category (which never changes), so one row at a time.
CREATE TABLE registry_counts (
    category TEXT NOT NULL PRIMARY KEY,
    count BIGINT NOT NULL
);
INSERT INTO registry_counts (category, count)
SELECT category, count(*) FROM endorsements
 WHERE listed AND status IN ('active', 'renewal_due') GROUP BY category;

CREATE FUNCTION registry_counts_keep() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    was BOOLEAN := TG_OP <> 'INSERT' AND OLD.listed AND OLD.status IN ('active', 'renewal_due');
    now_listed BOOLEAN := TG_OP <> 'DELETE' AND NEW.listed AND NEW.status IN ('active', 'renewal_due');
BEGIN
    IF was AND (NOT now_listed OR OLD.category IS DISTINCT FROM NEW.category) THEN
        UPDATE registry_counts SET count = count - 1 WHERE category = OLD.category;
    END IF;
    IF now_listed AND (NOT was OR OLD.category IS DISTINCT FROM NEW.category) THEN
        INSERT INTO registry_counts (category, count) VALUES (NEW.category, 1)
        ON CONFLICT (category) DO UPDATE SET count = registry_counts.count + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER endorsements_registry_counts AFTER INSERT OR UPDATE OR DELETE ON endorsements
FOR EACH ROW EXECUTE FUNCTION registry_counts_keep();

