UPDATE outbox SET account_link_id = NULL
    WHERE account_link_id IN (SELECT id FROM account_links WHERE purpose = 'claim');
DELETE FROM account_links WHERE purpose = 'claim';
ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('password_reset', 'email_confirm'));

ALTER TABLE endorsements DROP COLUMN import_id;
DROP TABLE import_rows;
DROP TABLE imports;
