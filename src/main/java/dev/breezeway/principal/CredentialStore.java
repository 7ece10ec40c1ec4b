package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.PASSWORD_HISTORY;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * The only writer of passwords: the hash in {@code principal}, whether it is temporary and when it
 * expires, and the hashes of earlier passwords ({@code password_history}, at most
 * {@link PasswordRules#HISTORY_MAX} per principal) that the reuse rule compares with.
 */
final class CredentialStore {
    private final DSLContext db;

    CredentialStore(DSLContext db) {
        this.db = db;
    }

    Optional<String> passwordHash(DSLContext tx, long principalId) {
        return tx.select(PRINCIPAL.PASSWORD_HASH).from(PRINCIPAL).where(PRINCIPAL.PRINCIPAL_ID.eq(principalId))
                .fetchOptional(Record1::value1);
    }

    /** The current hash and then the earlier ones, newest first, at most {@code n} in all. */
    List<String> recentHashes(long principalId, int n) {
        List<String> out = new java.util.ArrayList<>();
        passwordHash(db, principalId).ifPresent(out::add);
        if (n > out.size()) {
            out.addAll(db.select(PASSWORD_HISTORY.PASSWORD_HASH).from(PASSWORD_HISTORY)
                    .where(PASSWORD_HISTORY.PRINCIPAL_ID.eq(principalId)).orderBy(PASSWORD_HISTORY.HISTORY_ID.desc())
                    .limit(n - out.size()).fetch(Record1::value1));
        }
        return out;
    }

    /**
     * Sets the password, keeping the one it replaces in the history; {@code expiresAt} empty means never.
     * The version changes, so a session cache and a JSON ETag see it.
     */
    void write(DSLContext tx, long principalId, String hash, boolean temporary, Optional<Instant> expiresAt,
               Instant now) {
        Optional<String> old = tx.select(PRINCIPAL.PASSWORD_HASH).from(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId)).forUpdate().fetchOptional(Record1::value1);
        if (old.isPresent()) {
            tx.insertInto(PASSWORD_HISTORY).set(PASSWORD_HISTORY.PRINCIPAL_ID, principalId)
                    .set(PASSWORD_HISTORY.CHANGED_AT, Times.toLocal(now)).set(PASSWORD_HISTORY.PASSWORD_HASH, old.get())
                    .execute();
            List<Long> kept = tx.select(PASSWORD_HISTORY.HISTORY_ID).from(PASSWORD_HISTORY)
                    .where(PASSWORD_HISTORY.PRINCIPAL_ID.eq(principalId)).orderBy(PASSWORD_HISTORY.HISTORY_ID.desc())
                    .limit(PasswordRules.HISTORY_MAX).fetch(Record1::value1);
            if (kept.size() == PasswordRules.HISTORY_MAX) {
                tx.deleteFrom(PASSWORD_HISTORY).where(PASSWORD_HISTORY.PRINCIPAL_ID.eq(principalId)
                        .and(PASSWORD_HISTORY.HISTORY_ID.lt(kept.get(kept.size() - 1)))).execute();
            }
        }
        tx.update(PRINCIPAL)
                .set(PRINCIPAL.PASSWORD_HASH, hash)
                .set(PRINCIPAL.PASSWORD_TEMPORARY, temporary)
                .set(PRINCIPAL.PASSWORD_TEMPORARY_USED_AT, (java.time.LocalDateTime) null)
                .set(PRINCIPAL.PASSWORD_EXPIRES_AT, expiresAt.map(Times::toLocal).orElse(null))
                .set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId))
                .execute();
    }

    /** The expiry of a password just stored with a new principal. */
    void setExpiry(DSLContext tx, long principalId, Instant expiresAt) {
        tx.update(PRINCIPAL).set(PRINCIPAL.PASSWORD_EXPIRES_AT, Times.toLocal(expiresAt))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId)).execute();
    }

    /** Marks the stored password as temporary until {@code expiresAt}: one login may use it, to change it. */
    void markTemporary(DSLContext tx, long principalId, Instant expiresAt) {
        tx.update(PRINCIPAL).set(PRINCIPAL.PASSWORD_TEMPORARY, true)
                .set(PRINCIPAL.PASSWORD_EXPIRES_AT, Times.toLocal(expiresAt))
                .set(PRINCIPAL.PASSWORD_TEMPORARY_USED_AT, (java.time.LocalDateTime) null)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId)).execute();
    }

    /**
     * Uses up the principal's temporary password for the login now: true for the one login that gets it, false when
     * it was already used (by a login on any node) or is no longer temporary. One conditional UPDATE, so two logins
     * at once cannot both use it.
     */
    boolean useTemporary(long principalId, Instant now) {
        return db.update(PRINCIPAL).set(PRINCIPAL.PASSWORD_TEMPORARY_USED_AT, Times.toLocal(now))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.PASSWORD_TEMPORARY.isTrue())
                        .and(PRINCIPAL.PASSWORD_TEMPORARY_USED_AT.isNull()))
                .execute() == 1;
    }
}
