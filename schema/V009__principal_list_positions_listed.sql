-- The plain principal list leaves out the principals behind API clients (V006, type 'api-client'),
-- so the per-block counts that deep pages jump through (V008) must count exactly the listed
-- principals: live (deleted_at IS NULL) and not an API client's. The triggers are redefined to that,
-- the counts start over (the server seals the blocks again after the next deep page), and the index
-- a page counts its offset in carries the type, so that count stays within the index.

DROP INDEX ix_principal_account_live ON principal;
CREATE INDEX ix_principal_account_listed ON principal (account_id, deleted_at, principal_id, type);

/* [jooq ignore start] */
DROP TRIGGER tr_principal_block_insert;
DROP TRIGGER tr_principal_block_delete;
DROP TRIGGER tr_principal_block_update;
TRUNCATE TABLE principal_block;

CREATE TRIGGER tr_principal_block_insert AFTER INSERT ON principal FOR EACH ROW
  UPDATE principal_block SET live = live + 1
  WHERE NEW.deleted_at IS NULL AND NEW.type <> 'api-client'
    AND account_id = NEW.account_id AND block = NEW.principal_id DIV 4096;

CREATE TRIGGER tr_principal_block_delete AFTER DELETE ON principal FOR EACH ROW
  UPDATE principal_block SET live = live - 1
  WHERE OLD.deleted_at IS NULL AND OLD.type <> 'api-client'
    AND account_id = OLD.account_id AND block = OLD.principal_id DIV 4096;

CREATE TRIGGER tr_principal_block_update AFTER UPDATE ON principal FOR EACH ROW
  UPDATE principal_block
  SET live = live
      + IF(NEW.deleted_at IS NULL AND NEW.type <> 'api-client'
           AND account_id = NEW.account_id AND block = NEW.principal_id DIV 4096, 1, 0)
      - IF(OLD.deleted_at IS NULL AND OLD.type <> 'api-client'
           AND account_id = OLD.account_id AND block = OLD.principal_id DIV 4096, 1, 0)
  WHERE ((OLD.deleted_at IS NULL AND OLD.type <> 'api-client') <> (NEW.deleted_at IS NULL AND NEW.type <> 'api-client')
         OR OLD.account_id <> NEW.account_id OR OLD.principal_id <> NEW.principal_id)
    AND ((account_id = OLD.account_id AND block = OLD.principal_id DIV 4096)
         OR (account_id = NEW.account_id AND block = NEW.principal_id DIV 4096));
/* [jooq ignore stop] */
