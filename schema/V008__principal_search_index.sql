-- Substring search over principal names (principal-list filter-like-name, principal-list-by-field):
-- every 3-character window ("trigram") of principal.name, e.g. 'Ada L' → 'Ada', 'da ', 'a L'.
-- `name LIKE '%term%'` holds only where every trigram of the term is a trigram of the name, so the
-- list intersects the term's trigrams here and checks the candidates with the real LIKE; without
-- this table the LIKE scans every principal. The column has the principal's collation, so the index
-- matches case-insensitively exactly as LIKE does. The stores (PrincipalNgrams) keep it in step with
-- every write of a name, in the same transaction; anything else that writes principal rows directly
-- must add the rows too (the bench generator and the tests' TestPrincipals do). Windows are taken by
-- code point, as CHAR_LENGTH and SUBSTRING count.
CREATE TABLE principal_ngram (
  ngram        CHAR(3)  NOT NULL,
  principal_id BIGINT   NOT NULL,
  PRIMARY KEY (ngram, principal_id),
  CONSTRAINT fk_principal_ngram_principal FOREIGN KEY (principal_id) REFERENCES principal (principal_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_principal_ngram_principal ON principal_ngram (principal_id);

-- Backfill the existing principals (names are at most 512 characters). INSERT IGNORE drops windows
-- that repeat in one name (case-insensitively, as the key compares). jOOQ's DDL parser cannot read
-- this statement and needs none of it for code generation.
/* [jooq ignore start] */
INSERT IGNORE INTO principal_ngram (ngram, principal_id)
WITH RECURSIVE pos (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM pos WHERE n < 510)
SELECT SUBSTRING(p.name, pos.n, 3), p.principal_id
FROM principal p JOIN pos ON pos.n <= CHAR_LENGTH(p.name) - 2
ORDER BY 1, 2;
/* [jooq ignore stop] */

-- Deep pages of the principal list (filter-start=900000, in principal-id order): the page's ids are
-- found by counting entries of this narrow index, which holds the primary key, instead of whole rows;
-- only the page's rows are then read.
CREATE INDEX ix_principal_account_live ON principal (account_id, deleted_at);
