package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_BLOCK;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep3;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the n-th listed principal of an account ({@link PrincipalStore#LISTED}: live, no API
 * client's) lies in principal-id order, from the per-block counts of {@code principal_block} (V008,
 * V009), e.g. row 900,000 → "skip 1,234 rows from id 2,899,968". A deep page of the plain list
 * then counts at most about one block of ids instead of every row before it.
 *
 * A block whose count is {@link #BLOCK} has no holes: its n-th listed principal is its n-th id, and
 * the page starts there without counting.
 *
 * <p>A block's row is written once ("sealed") by {@link #sealBehindNewest}: a count taken under a
 * shared lock on the block's ids, which waits for writes in flight there and holds off new ones until
 * the row is committed; from then on V009's triggers keep it exact in every writing transaction.
 */
final class PrincipalPositions {
    private static final String BLOCKS_SQL =
            "SELECT block, live FROM principal_block WHERE account_id = ? ORDER BY block";

    /** Ids per block; the triggers of V009 divide by the same number and count what LISTED selects. */
    static final long BLOCK = 4096;
    /** Blocks sealed per transaction, which bounds how long other writers to those ids wait. */
    private static final long SEAL_CHUNK = 16;
    private static final Logger log = LoggerFactory.getLogger(PrincipalPositions.class);

    private final DSLContext db;
    /** One sealing at a time, off the request thread; a request arriving meanwhile does not queue another. */
    private final ThreadPoolExecutor sealer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "breezeway-principal-positions");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    PrincipalPositions(DSLContext db) {
        this.db = db;
    }

    /** Start at the first listed principal whose id is at least {@code fromId}, after skipping {@code skip} of them. */
    record Start(long fromId, long skip) {
    }

    /**
     * Where row {@code offset} (0-based) of the account's listed principals in id order starts. Run it
     * in the transaction that reads the page, so both see one snapshot. Past the sealed blocks it
     * starts at the first unsealed id, so the caller counts the unsealed rows itself.
     */
    Start locate(DSLContext tx, long accountId, long offset) {
        // Plain JDBC: mapping the ~730 block rows of a million principals into jOOQ records cost more
        // than reading them.
        return tx.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(BLOCKS_SQL)) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    long before = 0;
                    long next = 0;
                    while (rs.next()) {
                        long block = rs.getLong(1);
                        int live = rs.getInt(2);
                        if (block != next) {
                            break;
                        }
                        if (offset < before + live) {
                            // A full block holds every id in it, so its n-th listed principal is simply
                            // its n-th id: nothing to count, as in any directory loaded in bulk.
                            return live == BLOCK ? new Start(block * BLOCK + offset - before, 0)
                                    : new Start(block * BLOCK, offset - before);
                        }
                        before += live;
                        next++;
                    }
                    return new Start(next * BLOCK, offset - before);
                }
            }
        });
    }

    /** Seals what can be sealed in the background, unless a sealing is already running. */
    void sealSoon(long accountId) {
        sealer.execute(() -> sealBehindNewest(accountId));
    }

    /**
     * Seals the account's blocks but the newest two, so that new principals (which take the newest
     * ids) never wait on a block row. A failure (say a lock wait timeout) only leaves
     * blocks unsealed, which costs speed, not exactness.
     */
    void sealBehindNewest(long accountId) {
        try {
            if (!lockingReadsSeeEveryWrite()) {
                return;
            }
            Long newest = db.select(DSL.max(PRINCIPAL.PRINCIPAL_ID)).from(PRINCIPAL).fetchOne(Record1::value1);
            long limit = newest == null ? 0 : newest / BLOCK - 1;
            Long sealed = db.select(DSL.max(PRINCIPAL_BLOCK.BLOCK)).from(PRINCIPAL_BLOCK)
                    .where(PRINCIPAL_BLOCK.ACCOUNT_ID.eq(accountId)).fetchOne(Record1::value1);
            for (long from = sealed == null ? 0 : sealed + 1; from < limit; from += SEAL_CHUNK) {
                long first = from;
                long to = Math.min(limit, from + SEAL_CHUNK);
                db.transaction(() -> seal(db, accountId, first, to));
            }
        } catch (DataAccessException e) {
            log.info("Sealing principal list positions of account {} stopped: {}", accountId, e.getMessage());
        }
    }

    /** Counts blocks [from, to) under a shared lock on their ids and writes their rows. */
    private static void seal(DSLContext tx, long accountId, long from, long to) {
        // The block's first id, by integer arithmetic (jOOQ's div() is MariaDB's decimal "/").
        Field<Long> blockStart = PRINCIPAL.PRINCIPAL_ID.minus(PRINCIPAL.PRINCIPAL_ID.mod(BLOCK));
        Map<Long, Integer> live = tx.select(blockStart, DSL.count()).from(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.ge(from * BLOCK).and(PRINCIPAL.PRINCIPAL_ID.lt(to * BLOCK))
                        .and(PRINCIPAL.ACCOUNT_ID.eq(accountId)).and(PrincipalStore.LISTED))
                .groupBy(blockStart)
                .forShare()
                .fetchMap(r -> r.value1() / BLOCK, r -> r.value2());
        InsertValuesStep3<? extends Record, Long, Long, Integer> insert = tx.insertInto(PRINCIPAL_BLOCK,
                PRINCIPAL_BLOCK.ACCOUNT_ID, PRINCIPAL_BLOCK.BLOCK, PRINCIPAL_BLOCK.LIVE);
        for (long b = from; b < to; b++) {
            insert = insert.values(accountId, b, live.getOrDefault(b, 0));
        }
        // Another server sealing the same blocks at once counted the same rows under the same lock.
        insert.onDuplicateKeyIgnore().execute();
    }

    /**
     * Sealing relies on the gap locks of a locking read, which MariaDB takes at REPEATABLE READ and
     * SERIALIZABLE only; under READ COMMITTED a write could slip past the count, so nothing is sealed.
     */
    private boolean lockingReadsSeeEveryWrite() {
        int level = db.connectionResult(Connection::getTransactionIsolation);
        return level == Connection.TRANSACTION_REPEATABLE_READ || level == Connection.TRANSACTION_SERIALIZABLE;
    }
}
