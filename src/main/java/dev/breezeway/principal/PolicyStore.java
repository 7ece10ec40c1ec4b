package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.ACCOUNT_POLICY;

import dev.breezeway.db.gen.tables.records.AccountPolicyRecord;
import java.util.Optional;
import org.jooq.DSLContext;

/** The stored policies of an account's faces; a face without a row has {@link PasswordRules#defaults}. */
final class PolicyStore {
    private final DSLContext db;

    PolicyStore(DSLContext db) {
        this.db = db;
    }

    PasswordRules of(long accountId, Face face) {
        return db.selectFrom(ACCOUNT_POLICY)
                .where(ACCOUNT_POLICY.ACCOUNT_ID.eq(accountId).and(ACCOUNT_POLICY.FACE.eq(face.wire())))
                .fetchOptional(PolicyStore::rules)
                .orElseGet(() -> PasswordRules.defaults(face));
    }

    /**
     * Writes the policy if the stored version is still {@code expected} (0 for "never changed"), bumping
     * it; false when another writer won.
     */
    boolean write(DSLContext tx, long accountId, Face face, PasswordRules r, long expected) {
        if (expected == 0) {
            int inserted = tx.insertInto(ACCOUNT_POLICY)
                    .set(ACCOUNT_POLICY.ACCOUNT_ID, accountId).set(ACCOUNT_POLICY.FACE, face.wire())
                    .set(values(tx.newRecord(ACCOUNT_POLICY), r)).set(ACCOUNT_POLICY.VERSION, 1L)
                    .onDuplicateKeyIgnore().execute();
            return inserted == 1;
        }
        AccountPolicyRecord row = values(tx.newRecord(ACCOUNT_POLICY), r);
        row.setVersion(expected + 1);
        return tx.update(ACCOUNT_POLICY).set(row)
                .where(ACCOUNT_POLICY.ACCOUNT_ID.eq(accountId).and(ACCOUNT_POLICY.FACE.eq(face.wire()))
                        .and(ACCOUNT_POLICY.VERSION.eq(expected)))
                .execute() == 1;
    }

    private static AccountPolicyRecord values(AccountPolicyRecord row, PasswordRules r) {
        row.setLoginIsEmail(r.loginIsEmail());
        row.setMinLength(r.minLength());
        row.setMaxLength(r.maxLength());
        row.setRequireDigit(r.requireDigit());
        row.setRequireUpper(r.requireUpper());
        row.setRequireLower(r.requireLower());
        row.setSpecialChars(r.specialChars().orElse(null));
        row.setRefuseCommon(r.refuseCommon());
        row.setExpiryDays(r.expiryDays());
        row.setHistoryCount(r.historyCount());
        row.setMailChosenPassword(r.mailChosenPassword());
        return row;
    }

    private static PasswordRules rules(AccountPolicyRecord r) {
        return new PasswordRules(r.getLoginIsEmail(), r.getMinLength(), r.getMaxLength(), r.getRequireDigit(),
                r.getRequireUpper(), r.getRequireLower(), Optional.ofNullable(r.getSpecialChars()), r.getRefuseCommon(),
                r.getExpiryDays(), r.getHistoryCount(), r.getMailChosenPassword(), r.getVersion());
    }
}
