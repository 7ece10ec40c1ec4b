-- The name index (principal_ngram) loses its foreign key and its index on principal_id. Each name has
-- about 30 windows, so every created principal cost 30 inserts into ix_principal_ngram_principal and
-- 30 foreign-key probes of principal on top of the 30 primary-key inserts it needs: a quarter of
-- MariaDB's CPU in a batch create at 1,000,000 principals (issue 7, perf of mariadbd).
-- Who removes windows now: a rename deletes the old name's windows by primary key (ngram, principal_id),
-- and a principal deleted for good has its windows deleted the same way first (PrincipalNgrams). A window
-- that outlives its principal all the same (an operator's DELETE) is harmless: every search joins
-- principal and re-checks the name with LIKE, and principal ids are never reused. Both statements change
-- only metadata; the 30,000,000 rows at 1 M principals are not rebuilt.
ALTER TABLE principal_ngram DROP FOREIGN KEY fk_principal_ngram_principal;
DROP INDEX ix_principal_ngram_principal ON principal_ngram;
