package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.REQUEST_TOKEN;

import dev.breezeway.db.Times;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * Which principals one create call wrote, recorded in the create's transaction under a random token of
 * that call, e.g. 16 random bytes → principal 1000042. A database driver that repeats the transaction
 * after a lost connection repeats the token too: finding it tells a create that the principal breaking
 * the login's key is its own, committed by the first attempt, and not somebody else's.
 */
final class RequestTokenStore {
    private final DSLContext db;
    private final SecureRandom random = new SecureRandom();

    RequestTokenStore(DSLContext db) {
        this.db = db;
    }

    byte[] next() {
        byte[] t = new byte[16];
        random.nextBytes(t);
        return t;
    }

    void record(DSLContext tx, byte[] token, List<Long> principalIds) {
        var insert = tx.insertInto(REQUEST_TOKEN, REQUEST_TOKEN.TOKEN, REQUEST_TOKEN.PRINCIPAL_ID);
        for (long id : principalIds) {
            insert = insert.values(token, id);
        }
        insert.execute();
    }

    /** The principals the call with this token wrote, in id order (empty: none, or not yet committed). */
    List<Long> principalsOf(byte[] token) {
        return db.select(REQUEST_TOKEN.PRINCIPAL_ID).from(REQUEST_TOKEN).where(REQUEST_TOKEN.TOKEN.eq(token))
                .orderBy(REQUEST_TOKEN.PRINCIPAL_ID).fetch(Record1::value1);
    }

    /** Forgets tokens older than {@code cutoff}: a repeated transaction arrives within seconds. */
    int purge(Instant cutoff) {
        return db.deleteFrom(REQUEST_TOKEN).where(REQUEST_TOKEN.CREATED_AT.lt(Times.toLocal(cutoff))).execute();
    }

    static String hex(byte[] token) {
        return Long.toHexString(ByteBuffer.wrap(token).getLong());
    }
}
