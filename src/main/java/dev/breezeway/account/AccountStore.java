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

    /** Principal ids start here; account ids stay below so one numeric id space serves every {@code acl-id}. */
    public static final long FIRST_PRINCIPAL_ID = 1_000_000L;

    /** Inserts an account in {@code tx}; fails (rolling the transaction back) past the account id range. */
    public long insert(DSLContext tx, String name) {
        long id = tx.insertInto(ACCOUNT)
                .set(ACCOUNT.NAME, name)
                .returningResult(ACCOUNT.ACCOUNT_ID)
                .fetchSingle(Record1::value1);
        if (id >= FIRST_PRINCIPAL_ID) {
            throw new IllegalStateException("account ids are exhausted: " + id);
        }
        return id;
    }

    public Optional<String> name(long accountId) {
        return db.select(ACCOUNT.NAME).from(ACCOUNT).where(ACCOUNT.ACCOUNT_ID.eq(accountId)).fetchOptional(Record1::value1);
    }

    /** The first account, the one a single-tenant server serves. */
    public Optional<Long> firstAccountId() {
        return db.select(ACCOUNT.ACCOUNT_ID).from(ACCOUNT).orderBy(ACCOUNT.ACCOUNT_ID).limit(1)
                .fetchOptional(Record1::value1);
    }
}
