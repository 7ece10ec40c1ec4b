-- filter-like-name=<term> with a term of 3 to 5 characters reads exactly the principals whose names
-- hold the term: principal_ngram now keeps every window of 3, 4 and 5 characters of each name, e.g.
-- 'Kefin' → 'Kef', 'efi', 'fin', 'Kefi', 'efin', 'Kefin'. With trigrams alone such a term had to
-- intersect two or three trigram lists, and a term matching fewer than 50 names read the whole of its
-- rarest trigram's list (about 4,000 principals at 1 M, each read whole for the LIKE): 10–250 ms. Now
-- it reads one list, in principal-id order, and stops after 50 rows; a longer term intersects some of
-- its 5-character windows. The LIKE still decides: the index only narrows the candidates.
-- A window of 4 or 5 characters that ends in a space is not stored: the column compares with PAD SPACE,
-- so it equals the same window without that space, which is stored already (as a shorter window).
-- PrincipalNgrams.of computes exactly these windows for every write of a name.
ALTER TABLE principal_ngram MODIFY ngram VARCHAR(5) NOT NULL;

-- Backfill the 4- and 5-character windows of the existing names, in primary-key order. The rows come
-- from principal itself, so the foreign key holds without being checked row by row. IGNORE drops
-- windows that repeat in one name under the column's collation (case, accents), as the stores do.
/* [jooq ignore start] */
SET SESSION foreign_key_checks = 0;

INSERT IGNORE INTO principal_ngram (ngram, principal_id)
WITH RECURSIVE pos (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM pos WHERE n < 509)
SELECT SUBSTRING(p.name, pos.n, 4), p.principal_id
FROM principal p JOIN pos ON pos.n <= CHAR_LENGTH(p.name) - 3
WHERE ORD(SUBSTRING(p.name, pos.n + 3, 1)) <> 32
ORDER BY 1, 2;

INSERT IGNORE INTO principal_ngram (ngram, principal_id)
WITH RECURSIVE pos (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM pos WHERE n < 508)
SELECT SUBSTRING(p.name, pos.n, 5), p.principal_id
FROM principal p JOIN pos ON pos.n <= CHAR_LENGTH(p.name) - 4
WHERE ORD(SUBSTRING(p.name, pos.n + 4, 1)) <> 32
ORDER BY 1, 2;

SET SESSION foreign_key_checks = 1;
/* [jooq ignore stop] */
