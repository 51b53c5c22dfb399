-- Which endorsement one association awarded in recognition of another's,
-- so that both registries can say so.
CREATE TABLE recognitions (
    to_association TEXT NOT NULL REFERENCES associations (code),
    to_number TEXT NOT NULL,
    from_association TEXT NOT NULL REFERENCES associations (code),
    from_number TEXT NOT NULL,
    recognised_at TIMESTAMP NOT NULL,
    PRIMARY KEY (to_association, to_number)
);
CREATE INDEX recognitions_from ON recognitions (from_association, from_number);
