-- Four indexes of principal that no query needs: every read of principals is scoped to one account
-- (account_id = ?), and each of these is shadowed by an index that starts with account_id, or by a unique
-- key, over the same column:
--   ix_principal_name          (name)            → ix_principal_account_name      (account_id, name)
--   ix_principal_last_active   (last_active_at)  → ix_principal_account_active    (account_id, last_active_at)
--   ix_principal_suspended     (suspended_at)    → ix_principal_account_suspended (account_id, suspended_at)
--   ix_principal_account_email (account_id, email) → uk_principal_email          (email), unique
-- Each costs a B-tree insert on every create, and the last-active one a delete and an insert on every
-- login (issue 7: batch create at 1,000,000 principals is bound by MariaDB's CPU).
DROP INDEX ix_principal_name ON principal;
DROP INDEX ix_principal_last_active ON principal;
DROP INDEX ix_principal_suspended ON principal;
DROP INDEX ix_principal_account_email ON principal;
