package dev.breezeway.session;

import static dev.breezeway.db.gen.Tables.API_CLIENT;
import static dev.breezeway.db.gen.Tables.SSO_PROVIDER;
import static dev.breezeway.db.gen.Tables.AUTH_SESSION;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.Constraints;
import dev.breezeway.db.Times;
import dev.breezeway.principal.PrincipalType;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Session rows, looked up by the SHA-256 of their token. */
public final class SessionStore {
    private final DSLContext db;

    public SessionStore(DSLContext db) {
        this.db = db;
    }

    /** A live session row and its principal, before the admin check. */
    public record Row(long sessionId, Optional<Long> principalId, long accountId, PrincipalType type, String login,
                      String name, Instant createdAt, Instant lastSeenAt, Optional<Instant> expiresAt,
                      boolean mustChangePassword) {
    }

    /**
     * Creates a session bound to a principal; false, writing nothing, if a session with this token exists
     * or existed (a revoked row is kept until it is purged), so a token is never bound twice.
     */
    public boolean insertLoggedIn(byte[] tokenHash, long principalId, long accountId, String kind,
                                  Optional<String> userAgent, Instant now, boolean mustChangePassword) {
        return insertLoggedIn(tokenHash, principalId, accountId, kind, userAgent, now, mustChangePassword,
                Optional.empty());
    }

    /** As above, for a session an OpenID Connect provider opened ({@code ssoProvider}). */
    public boolean insertLoggedIn(byte[] tokenHash, long principalId, long accountId, String kind,
                                  Optional<String> userAgent, Instant now, boolean mustChangePassword,
                                  Optional<Long> ssoProvider) {
        try {
            insertRow(tokenHash, principalId, accountId, kind, userAgent, now, mustChangePassword, ssoProvider);
            return true;
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_auth_session_token_hash")) {
                return false;
            }
            throw e;
        }
    }

    private void insertRow(byte[] tokenHash, long principalId, long accountId, String kind,
                           Optional<String> userAgent, Instant now, boolean mustChangePassword,
                           Optional<Long> ssoProvider) {
        db.insertInto(AUTH_SESSION)
                .set(AUTH_SESSION.SSO_PROVIDER_ID, ssoProvider.orElse(null))
                .set(AUTH_SESSION.TOKEN_HASH, tokenHash)
                .set(AUTH_SESSION.PUBLIC_ID, dev.breezeway.principal.Uuids.toBytes(java.util.UUID.randomUUID()))
                .set(AUTH_SESSION.MUST_CHANGE_PASSWORD, mustChangePassword)
                .set(AUTH_SESSION.PRINCIPAL_ID, principalId)
                .set(AUTH_SESSION.ACCOUNT_ID, accountId)
                .set(AUTH_SESSION.KIND, kind)
                .set(AUTH_SESSION.USER_AGENT, userAgent.map(SessionStore::clip).orElse(null))
                .set(AUTH_SESSION.CREATED_AT, Times.toLocal(now))
                .set(AUTH_SESSION.LAST_SEEN_AT, Times.toLocal(now))
                .execute();
    }

    /** Creates an API client's token session, which lives until {@code expiresAt} whether used or not. */
    public void insertClientToken(byte[] tokenHash, long principalId, long accountId, Optional<String> userAgent,
                                  Instant now, Instant expiresAt) {
        db.insertInto(AUTH_SESSION)
                .set(AUTH_SESSION.TOKEN_HASH, tokenHash)
                .set(AUTH_SESSION.PUBLIC_ID, dev.breezeway.principal.Uuids.toBytes(java.util.UUID.randomUUID()))
                .set(AUTH_SESSION.PRINCIPAL_ID, principalId)
                .set(AUTH_SESSION.ACCOUNT_ID, accountId)
                .set(AUTH_SESSION.KIND, "client")
                .set(AUTH_SESSION.USER_AGENT, userAgent.map(SessionStore::clip).orElse(null))
                .set(AUTH_SESSION.CREATED_AT, Times.toLocal(now))
                .set(AUTH_SESSION.LAST_SEEN_AT, Times.toLocal(now))
                .set(AUTH_SESSION.EXPIRES_AT, Times.toLocal(expiresAt))
                .execute();
    }

    /**
     * The live session for a token: not revoked, seen after {@code idleCutoff} and created after
     * {@code createdCutoff} (or, for a session with a fixed expiry such as a client token, not yet expired
     * at {@code now}), and (if bound) whose principal is neither suspended nor deleted.
     */
    public Optional<Row> findLive(byte[] tokenHash, Instant now, SessionLifetime lifetime) {
        return db.select(AUTH_SESSION.SESSION_ID, AUTH_SESSION.PRINCIPAL_ID, PRINCIPAL.ACCOUNT_ID, PRINCIPAL.TYPE,
                        PRINCIPAL.LOGIN, PRINCIPAL.NAME, AUTH_SESSION.LAST_SEEN_AT, PRINCIPAL.SUSPENDED_AT,
                        PRINCIPAL.DELETED_AT, AUTH_SESSION.MUST_CHANGE_PASSWORD, AUTH_SESSION.EXPIRES_AT,
                        AUTH_SESSION.CREATED_AT)
                .from(AUTH_SESSION)
                .leftJoin(PRINCIPAL).on(PRINCIPAL.PRINCIPAL_ID.eq(AUTH_SESSION.PRINCIPAL_ID))
                .where(AUTH_SESSION.TOKEN_HASH.eq(tokenHash)
                        .and(AUTH_SESSION.REVOKED_AT.isNull())
                        .and(notExpired(now, lifetime)))
                .fetchOptional()
                .filter(r -> r.value8() == null && r.value9() == null)
                .map(r -> new Row(r.value1(), Optional.ofNullable(r.value2()),
                        r.value3() == null ? 0L : r.value3(),
                        r.value4() == null ? PrincipalType.USER : PrincipalType.fromWire(r.value4()).orElse(PrincipalType.USER),
                        r.value5() == null ? "" : r.value5(),
                        r.value6() == null ? "" : r.value6(),
                        Times.toInstant(r.value12()), Times.toInstant(r.value7()),
                        Optional.ofNullable(r.value11()).map(Times::toInstant),
                        Boolean.TRUE.equals(r.value10())));
    }

    /** True if a session with this token exists, live or not (until it is purged). */
    public boolean exists(byte[] tokenHash) {
        return db.fetchExists(AUTH_SESSION, AUTH_SESSION.TOKEN_HASH.eq(tokenHash));
    }

    public void touch(long sessionId, Instant now) {
        db.update(AUTH_SESSION)
                .set(AUTH_SESSION.LAST_SEEN_AT, Times.toLocal(now))
                .where(AUTH_SESSION.SESSION_ID.eq(sessionId))
                .execute();
    }

    /** Revokes the session with this token; revoking twice changes nothing. */
    public void revoke(byte[] tokenHash, Instant now) {
        db.update(AUTH_SESSION)
                .set(AUTH_SESSION.REVOKED_AT, Times.toLocal(now))
                .where(AUTH_SESSION.TOKEN_HASH.eq(tokenHash).and(AUTH_SESSION.REVOKED_AT.isNull()))
                .execute();
    }

    /** Revokes every live session of a principal, except {@code keep} if given. */
    public void revokeAllOf(DSLContext tx, long principalId, Optional<Long> keep, Instant now) {
        tx.update(AUTH_SESSION)
                .set(AUTH_SESSION.REVOKED_AT, Times.toLocal(now))
                .where(AUTH_SESSION.PRINCIPAL_ID.eq(principalId).and(AUTH_SESSION.REVOKED_AT.isNull())
                        .and(keep.map(AUTH_SESSION.SESSION_ID::ne).orElse(org.jooq.impl.DSL.noCondition())))
                .execute();
    }

    /** Revokes every live session an OpenID Connect provider opened (the provider is being deleted). */
    public void revokeAllThrough(DSLContext tx, long ssoProviderId, Instant now) {
        tx.update(AUTH_SESSION).set(AUTH_SESSION.REVOKED_AT, Times.toLocal(now))
                .where(AUTH_SESSION.SSO_PROVIDER_ID.eq(ssoProviderId).and(AUTH_SESSION.REVOKED_AT.isNull()))
                .execute();
    }

    public void revokeById(long sessionId, Instant now) {
        db.update(AUTH_SESSION).set(AUTH_SESSION.REVOKED_AT, Times.toLocal(now))
                .where(AUTH_SESSION.SESSION_ID.eq(sessionId).and(AUTH_SESSION.REVOKED_AT.isNull())).execute();
    }

    /** Lets a temporary-password session act normally once the password is changed. */
    public void clearMustChangePassword(long sessionId) {
        db.update(AUTH_SESSION).set(AUTH_SESSION.MUST_CHANGE_PASSWORD, false)
                .where(AUTH_SESSION.SESSION_ID.eq(sessionId)).execute();
    }

    /**
     * A listed session; {@code expiresAt} is when it stops (stopped) working: its revocation, if revoked.
     * {@code kind} is as stored ({@code interactive}, {@code client}, {@code header}, {@code sso});
     * {@code clientId}/{@code clientName} name the API client or provider that opened it.
     */
    public record Listed(long sessionId, java.util.UUID publicId, String kind, Instant createdAt, Instant expiresAt,
                         Optional<Instant> revokedAt, Optional<String> userAgent, Optional<String> clientId,
                         Optional<String> clientName) {

        /** The seed's session type: {@code api} for a client token, {@code sso} for a proxy's or a provider's. */
        public String type() {
            return switch (kind) {
                case "client" -> "api";
                case "header", "sso" -> "sso";
                default -> "interactive";
            };
        }
    }

    /**
     * The principal's live sessions, and with {@code includeRevoked} those revoked recently (until purged), newest
     * first, each with the API client that opened it.
     */
    public java.util.List<Listed> listOf(long principalId, Instant now, SessionLifetime lifetime, boolean includeRevoked) {
        return db.select(AUTH_SESSION.SESSION_ID, AUTH_SESSION.PUBLIC_ID, AUTH_SESSION.KIND, AUTH_SESSION.CREATED_AT,
                        AUTH_SESSION.LAST_SEEN_AT, AUTH_SESSION.REVOKED_AT, AUTH_SESSION.USER_AGENT,
                        AUTH_SESSION.EXPIRES_AT, DSL.coalesce(API_CLIENT.CLIENT_ID, SSO_PROVIDER.SLUG),
                        DSL.coalesce(API_CLIENT.NAME, SSO_PROVIDER.NAME))
                .from(AUTH_SESSION)
                .leftJoin(API_CLIENT).on(AUTH_SESSION.KIND.eq("client")
                        .and(API_CLIENT.PRINCIPAL_ID.eq(AUTH_SESSION.PRINCIPAL_ID)))
                .leftJoin(SSO_PROVIDER).on(SSO_PROVIDER.PROVIDER_ID.eq(AUTH_SESSION.SSO_PROVIDER_ID))
                .where(AUTH_SESSION.PRINCIPAL_ID.eq(principalId).and(AUTH_SESSION.PUBLIC_ID.isNotNull())
                        .and(includeRevoked ? AUTH_SESSION.REVOKED_AT.isNotNull().or(notExpired(now, lifetime))
                                : AUTH_SESSION.REVOKED_AT.isNull().and(notExpired(now, lifetime))))
                .orderBy(AUTH_SESSION.CREATED_AT.desc(), AUTH_SESSION.SESSION_ID.desc())
                .fetch(r -> {
                    Instant created = Times.toInstant(r.value4());
                    Optional<Instant> revoked = Optional.ofNullable(r.value6()).map(Times::toInstant);
                    Instant expires = revoked.orElseGet(() -> lifetime.expiresAt(created, Times.toInstant(r.value5()),
                            Optional.ofNullable(r.value8()).map(Times::toInstant)));
                    boolean header = "header".equals(r.value3());
                    return new Listed(r.value1(), dev.breezeway.principal.Uuids.fromBytes(r.value2()), r.value3(),
                            created, expires, revoked, Optional.ofNullable(r.value7()), Optional.ofNullable(r.value9()),
                            header ? Optional.of(HEADER_CLIENT_NAME) : Optional.ofNullable(r.value10()));
                });
    }

    /** The OpenID Connect provider a session came through, if it did. */
    public Optional<Long> ssoProviderOf(long sessionId) {
        return db.select(AUTH_SESSION.SSO_PROVIDER_ID).from(AUTH_SESSION).where(AUTH_SESSION.SESSION_ID.eq(sessionId))
                .fetchOptional(r -> r.value1());
    }

    /** The client name a session opened by HTTP header authentication shows. */
    static final String HEADER_CLIENT_NAME = "HTTP header authentication";

    /** Revokes one session of a principal by its public id; false if it has no such session. */
    public boolean revokeByPublicId(long principalId, java.util.UUID publicId, Instant now) {
        int n = db.update(AUTH_SESSION)
                .set(AUTH_SESSION.REVOKED_AT, DSL.coalesce(AUTH_SESSION.REVOKED_AT, DSL.val(Times.toLocal(now))))
                .where(AUTH_SESSION.PRINCIPAL_ID.eq(principalId)
                        .and(AUTH_SESSION.PUBLIC_ID.eq(dev.breezeway.principal.Uuids.toBytes(publicId))))
                .execute();
        return n == 1;
    }

    /**
     * Deletes sessions idle (or, with a fixed expiry, expired) or revoked since before {@code cutoff}, and
     * interactive ones created before {@code createdCutoff}; returns how many.
     */
    public int purge(Instant cutoff, Instant createdCutoff) {
        return db.deleteFrom(AUTH_SESSION)
                .where(AUTH_SESSION.EXPIRES_AT.isNull().and(AUTH_SESSION.LAST_SEEN_AT.lt(Times.toLocal(cutoff))
                                .or(AUTH_SESSION.CREATED_AT.lt(Times.toLocal(createdCutoff))))
                        .or(AUTH_SESSION.EXPIRES_AT.lt(Times.toLocal(cutoff)))
                        .or(AUTH_SESSION.REVOKED_AT.lt(Times.toLocal(cutoff))))
                .execute();
    }

    /**
     * Interactive sessions end after the idle timeout or their maximum lifetime, whichever comes first;
     * sessions with a fixed expiry (client tokens) only at it.
     */
    /** {@link SessionLifetime#live} in SQL. */
    private static org.jooq.Condition notExpired(Instant now, SessionLifetime lifetime) {
        return AUTH_SESSION.EXPIRES_AT.isNull()
                .and(AUTH_SESSION.LAST_SEEN_AT.gt(Times.toLocal(now.minus(lifetime.idle()))))
                .and(AUTH_SESSION.CREATED_AT.gt(Times.toLocal(now.minus(lifetime.max()))))
                .or(AUTH_SESSION.EXPIRES_AT.gt(Times.toLocal(now)));
    }

    private static String clip(String s) {
        return s.length() <= 512 ? s : s.substring(0, 512);
    }
}
