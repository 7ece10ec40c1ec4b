package dev.breezeway.acl;

import static dev.breezeway.db.gen.Tables.ACCOUNT;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.principal.PrincipalStore;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;

/** Resolves an {@code acl-id} to the object it names within one account: a live principal or the account itself. */
public final class AclObjectStore {
    private final DSLContext db;

    public AclObjectStore(DSLContext db) {
        this.db = db;
    }

    /** What {@code aclId} names in account {@code accountId}, read outside any transaction. */
    public Optional<AclKind> kindOf(long accountId, long aclId) {
        return kindOf(db, accountId, aclId);
    }

    /** What {@code aclId} names in account {@code accountId}; deleted principals and other accounts name nothing. */
    public Optional<AclKind> kindOf(DSLContext tx, long accountId, long aclId) {
        if (aclId == accountId && tx.fetchExists(ACCOUNT, ACCOUNT.ACCOUNT_ID.eq(aclId))) {
            return Optional.of(AclKind.ACCOUNT);
        }
        boolean principal = tx.fetchExists(PRINCIPAL, PRINCIPAL.PRINCIPAL_ID.eq(aclId)
                .and(PRINCIPAL.ACCOUNT_ID.eq(accountId)).and(PrincipalStore.LISTED));
        return principal ? Optional.of(AclKind.PRINCIPAL) : Optional.empty();
    }

    /** The name of account {@code accountId}. */
    public Optional<String> accountName(long accountId) {
        return db.select(ACCOUNT.NAME).from(ACCOUNT).where(ACCOUNT.ACCOUNT_ID.eq(accountId))
                .fetchOptional(Record1::value1);
    }
}
