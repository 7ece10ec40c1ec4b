package dev.breezeway.recovery;

import static dev.breezeway.db.gen.Tables.PASSWORD_RECOVERY;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.Times;
import dev.breezeway.principal.PrincipalType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * The single-use links of password recovery ({@code password_recovery}): a token of 32 random bytes (base64url, e.g.
 * {@code q3v…Zk}) goes out in a mail and only its SHA-256 is stored, so the table alone opens no account. Each
 * forgotten-password request leaves a row, with or without a token, which is what an address's requests are counted
 * by; every statement runs on the thread's context, inside the caller's transaction when there is one.
 */
final class RecoveryStore {
    static final String FORGOT = "forgot";
    static final String WELCOME = "welcome";
    private static final int TOKEN_BYTES = 32;
    private final DSLContext db;
    private final SecureRandom random = new SecureRandom();

    RecoveryStore(DSLContext db) {
        this.db = db;
    }

    /** A stored link: whose it is, what for, until when, and whether it was used. */
    record Link(long recoveryId, long accountId, long principalId, String purpose, Instant expiresAt,
                Optional<Instant> usedAt) {
    }

    /** Stores a new link of {@code purpose} for the principal and returns its token (shown once, in the mail). */
    String issue(long accountId, long principalId, String purpose, String address, Instant now, Instant expiresAt) {
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        db.insertInto(PASSWORD_RECOVERY)
                .set(PASSWORD_RECOVERY.ACCOUNT_ID, accountId).set(PASSWORD_RECOVERY.PRINCIPAL_ID, principalId)
                .set(PASSWORD_RECOVERY.PURPOSE, purpose).set(PASSWORD_RECOVERY.TOKEN_HASH, hash(token))
                .set(PASSWORD_RECOVERY.ADDRESS, address).set(PASSWORD_RECOVERY.CREATED_AT, Times.toLocal(now))
                .set(PASSWORD_RECOVERY.EXPIRES_AT, Times.toLocal(expiresAt))
                .execute();
        return token;
    }

    /** Records a forgotten-password request that sends nothing (unknown login, or the user's mails are used up). */
    void recordRequest(Optional<Long> accountId, Optional<Long> principalId, String address, Instant now) {
        db.insertInto(PASSWORD_RECOVERY)
                .set(PASSWORD_RECOVERY.ACCOUNT_ID, accountId.orElse(null))
                .set(PASSWORD_RECOVERY.PRINCIPAL_ID, principalId.orElse(null))
                .set(PASSWORD_RECOVERY.PURPOSE, FORGOT).set(PASSWORD_RECOVERY.ADDRESS, address)
                .set(PASSWORD_RECOVERY.CREATED_AT, Times.toLocal(now)).set(PASSWORD_RECOVERY.EXPIRES_AT, Times.toLocal(now))
                .execute();
    }

    /** Forgotten-password requests from {@code address} since {@code since}. */
    int requestsFrom(String address, Instant since) {
        return db.fetchCount(PASSWORD_RECOVERY, PASSWORD_RECOVERY.ADDRESS.eq(address)
                .and(PASSWORD_RECOVERY.PURPOSE.eq(FORGOT)).and(PASSWORD_RECOVERY.CREATED_AT.ge(Times.toLocal(since))));
    }

    /** Forgotten-password links sent to the principal since {@code since}. */
    int linksTo(long principalId, Instant since) {
        return db.fetchCount(PASSWORD_RECOVERY, PASSWORD_RECOVERY.PRINCIPAL_ID.eq(principalId)
                .and(PASSWORD_RECOVERY.PURPOSE.eq(FORGOT)).and(PASSWORD_RECOVERY.TOKEN_HASH.isNotNull())
                .and(PASSWORD_RECOVERY.CREATED_AT.ge(Times.toLocal(since))));
    }

    /** The link of a token, locked until the transaction ends (so two uses of it queue up and the second sees it used). */
    Optional<Link> lockByToken(String token) {
        return db.selectFrom(PASSWORD_RECOVERY).where(PASSWORD_RECOVERY.TOKEN_HASH.eq(hash(token))).forUpdate()
                .fetchOptional(r -> new Link(r.getRecoveryId(), r.getAccountId(), r.getPrincipalId(), r.getPurpose(),
                        Times.toInstant(r.getExpiresAt()), Optional.ofNullable(r.getUsedAt()).map(Times::toInstant)));
    }

    /** Marks every unused link of the principal used: after a recovery no older mail opens the account. */
    void useAllOf(long principalId, Instant now) {
        db.update(PASSWORD_RECOVERY).set(PASSWORD_RECOVERY.USED_AT, Times.toLocal(now))
                .where(PASSWORD_RECOVERY.PRINCIPAL_ID.eq(principalId).and(PASSWORD_RECOVERY.TOKEN_HASH.isNotNull())
                        .and(PASSWORD_RECOVERY.USED_AT.isNull()))
                .execute();
    }

    /** The live users with this e-mail address, over all accounts (an address is unique within one), at most 10. */
    List<Long> usersWithEmail(String email) {
        return db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.EMAIL.eq(email).and(PRINCIPAL.DELETED_AT.isNull())
                        .and(PRINCIPAL.TYPE.in(PrincipalType.USER.wire(), PrincipalType.GUEST.wire(),
                                PrincipalType.EXTERNAL_USER.wire())))
                .orderBy(PRINCIPAL.PRINCIPAL_ID).limit(10).fetch(Record1::value1);
    }

    /** Deletes the rows older than {@code before} (their links expired long ago); returns how many went. */
    int purge(Instant before) {
        return db.deleteFrom(PASSWORD_RECOVERY).where(PASSWORD_RECOVERY.EXPIRES_AT.lt(Times.toLocal(before))
                .and(PASSWORD_RECOVERY.CREATED_AT.lt(Times.toLocal(before)))).limit(10_000).execute();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
