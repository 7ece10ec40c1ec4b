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

-- Backfill the existing principals (names are at most 512 characters). DISTINCT drops windows that
-- repeat in one name, case-insensitively as the key compares them. jOOQ's DDL parser cannot read
-- this statement and needs none of it for code generation.
/* [jooq ignore start] */
INSERT INTO principal_ngram (ngram, principal_id)
WITH RECURSIVE pos (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM pos WHERE n < 510)
SELECT DISTINCT SUBSTRING(p.name, pos.n, 3), p.principal_id
FROM principal p JOIN pos ON pos.n <= CHAR_LENGTH(p.name) - 2
ORDER BY 1, 2;
/* [jooq ignore stop] */

-- Deep pages of the principal list (filter-start=900000, in principal-id order): the page's ids are
-- found by counting entries of this narrow index, which holds the primary key, instead of whole rows;
-- only the page's rows are then read.
CREATE INDEX ix_principal_account_live ON principal (account_id, deleted_at);

-- Positions in the plain principal list (no filter, principal-id order), so a deep page
-- (filter-start=900000) need not count 900,000 entries: how many live (not deleted) principals of an
-- account have ids in each block of 4,096 ids. A block gets its row once it is "sealed"
-- (PrincipalPositions seals blocks behind the newest ids, counting under a shared lock, so no write in
-- flight can slip past the count); from then on the triggers below keep the row exact in the same
-- transaction as every insert, delete, or change of deleted_at, whatever statement makes it. New
-- principals land in the newest, unsealed blocks, whose missing rows the triggers skip, so creating
-- principals contends on no row here. No foreign key: the sealer must not lock account rows.
CREATE TABLE principal_block (
  account_id BIGINT NOT NULL,
  block      BIGINT NOT NULL,
  live       INT    NOT NULL,
  PRIMARY KEY (account_id, block)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

/* [jooq ignore start] */
CREATE TRIGGER tr_principal_block_insert AFTER INSERT ON principal FOR EACH ROW
  UPDATE principal_block SET live = live + 1
  WHERE NEW.deleted_at IS NULL AND account_id = NEW.account_id AND block = NEW.principal_id DIV 4096;

CREATE TRIGGER tr_principal_block_delete AFTER DELETE ON principal FOR EACH ROW
  UPDATE principal_block SET live = live - 1
  WHERE OLD.deleted_at IS NULL AND account_id = OLD.account_id AND block = OLD.principal_id DIV 4096;

CREATE TRIGGER tr_principal_block_update AFTER UPDATE ON principal FOR EACH ROW
  UPDATE principal_block
  SET live = live
      + IF(NEW.deleted_at IS NULL AND account_id = NEW.account_id AND block = NEW.principal_id DIV 4096, 1, 0)
      - IF(OLD.deleted_at IS NULL AND account_id = OLD.account_id AND block = OLD.principal_id DIV 4096, 1, 0)
  WHERE ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) OR OLD.account_id <> NEW.account_id
         OR OLD.principal_id <> NEW.principal_id)
    AND ((account_id = OLD.account_id AND block = OLD.principal_id DIV 4096)
         OR (account_id = NEW.account_id AND block = NEW.principal_id DIV 4096));
/* [jooq ignore stop] */
