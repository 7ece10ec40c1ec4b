package dev.breezeway.account;

import static dev.breezeway.db.gen.Tables.ACCOUNT;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;

/** Accounts (Breeze {@code account-id}); every principal belongs to one. */
public final class AccountStore {
    private final DSLContext db;

    public AccountStore(DSLContext db) {
        this.db = db;
    }

    public long insert(DSLContext tx, String name) {
        return tx.insertInto(ACCOUNT)
                .set(ACCOUNT.NAME, name)
                .returningResult(ACCOUNT.ACCOUNT_ID)
                .fetchSingle(Record1::value1);
    }

    /** The first account, the one a single-tenant server serves. */
    public Optional<Long> firstAccountId() {
        return db.select(ACCOUNT.ACCOUNT_ID).from(ACCOUNT).orderBy(ACCOUNT.ACCOUNT_ID).limit(1)
                .fetchOptional(Record1::value1);
    }
}
