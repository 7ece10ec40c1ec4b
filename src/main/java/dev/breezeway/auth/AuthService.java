package dev.breezeway.auth;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.db.Times;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import dev.breezeway.http.ClientLink;
import dev.breezeway.metrics.LoginMetrics;
import dev.breezeway.principal.LastActive;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import org.jooq.DSLContext;

/**
 * Password login: checks the credentials of an active user and starts a session. Every failure
 * (unknown login, wrong password, no password, SSO-only user, suspended) is the same {@code no-data}, and costs
 * the same hashing time, so callers cannot tell which logins exist. Repeated failures lock the
 * login, the client address or both for a while ({@link LoginThrottle}). A login first takes a place
 * among the logins being checked ({@link PasswordHasher#loginCheck}): when none is free it is refused
 * as busy before anything is counted or hashed.
 */
public final class AuthService {
    private final DSLContext db;
    private final SessionService sessions;
    private final dev.breezeway.principal.Credentials credentials;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final LastActive lastActive;
    private final Clock clock;
    private final LoginMetrics metrics;
    private final AuditLog audit;
    private final LongSupplier defaultAccount;

    /** @param defaultAccount the account a refused login of an unknown login is recorded in when it names none */
    public AuthService(DSLContext db, SessionService sessions, dev.breezeway.principal.Credentials credentials,
                       PasswordHasher hasher, LoginThrottle throttle, LastActive lastActive, Clock clock,
                       LoginMetrics metrics, AuditLog audit, LongSupplier defaultAccount) {
        this.credentials = credentials;
        this.metrics = metrics;
        this.audit = audit;
        this.defaultAccount = defaultAccount;
        this.db = db;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.lastActive = lastActive;
        this.clock = clock;
    }

    /**
     * A login attempt as the wire gives it; {@code address} is the client's, as the connection shows it,
     * and {@code client} tells whether it is still connected.
     */
    public record LoginRequest(String login, String password, Optional<Long> accountId, Optional<String> presentedToken,
                               Optional<String> userAgent, String address, ClientLink client) {
    }

    /**
     * The principal behind a pair of credentials; a temporary or expired password only allows changing it.
     *
     * @param temporary the password is a temporary one: the login uses it up
     */
    public record Authenticated(long principalId, long accountId, boolean mustChangePassword, boolean temporary) {
    }

    /**
     * Logs in and returns the session token.
     *
     * @throws ApiException {@code no-data} on bad credentials, {@code invalid}/{@code user-suspended} while locked
     */
    public String login(LoginRequest request) {
        Authenticated who = authenticate(request.login(), request.password(), request.accountId(), request.address(),
                request.client());
        if (who.temporary() && !credentials.useTemporary(who.principalId())) {
            // Another login used the temporary password first (on this node or another).
            refused("login.failed", request.accountId(), credentials(request.login()), request.login(),
                    Map.of("reason", "temporary-used"));
            throw ApiException.noData();
        }
        String token = sessions.start(who.principalId(), who.accountId(), request.presentedToken(),
                request.userAgent(), who.mustChangePassword());
        audit.loginOk(who.accountId(), who.principalId(), request.login());
        lastActive.record(who.principalId(), clock.instant());  // written behind, within a second
        return token;
    }

    /**
     * Checks credentials without starting a session (user-accounts), with the same throttling: the
     * attempt is reserved with the throttle before the password is verified, and stays counted as a
     * failure unless it succeeds.
     *
     * @throws ApiException {@code SERVER_BUSY} when too many logins are being checked (nothing counted)
     */
    public Authenticated authenticate(String login, String password, Optional<Long> accountId, String address,
                                      ClientLink client) {
        try {
            Authenticated who = check(login, password, accountId, address, client);
            metrics.ok();
            return who;
        } catch (ApiException e) {
            if (e.problemKind().filter(p -> p == Problem.SERVER_BUSY).isPresent()) {
                metrics.busy();
            } else if (e.statusSubcode().filter("user-suspended"::equals).isPresent()) {
                metrics.locked();
            } else {
                metrics.failed();
            }
            throw e;
        }
    }

    private Authenticated check(String login, String password, Optional<Long> accountId, String address,
                                ClientLink client) {
        Optional<PrincipalStore.Credentials> found;
        boolean ok = false;
        try (PasswordHasher.LoginCheck check = hasher.loginCheck(client)) {
            OptionalInt locked = throttle.reserve(login, address);
            if (locked.isPresent()) {
                refused("login.locked", accountId, credentials(login), login,
                        Map.of("minutes-left", locked.getAsInt()));
                throw ApiException.userSuspended(locked.getAsInt());
            }
            // The reserved attempt is settled whatever happens: a verified answer as a failure or a
            // success (the owner's failures forgotten, suspended or not), anything else as abandoned.
            LoginThrottle.Outcome outcome = LoginThrottle.Outcome.ABANDONED;
            try {
                found = credentials(login);
                // An SSO-only user (passwordLogin false) is refused like one without a password, at the same cost.
                Optional<String> hash = found.filter(PrincipalStore.Credentials::passwordLogin)
                        .flatMap(PrincipalStore.Credentials::passwordHash);
                String reason;
                if (hash.isEmpty()) {
                    check.verifyDummy(password);
                    reason = found.isEmpty() ? "unknown-login"
                            : found.get().passwordLogin() ? "no-password" : "password-login-off";
                } else {
                    boolean right = check.verify(password, hash.get());
                    Optional<String> spent = right ? spentTemporary(found.get()) : Optional.empty();
                    ok = right && spent.isEmpty() && accountId.map(a -> a == found.get().accountId()).orElse(true);
                    reason = !right ? "wrong-password" : spent.orElse("other-account");
                }
                outcome = ok ? LoginThrottle.Outcome.SUCCEEDED : LoginThrottle.Outcome.FAILED;
                if (!ok) {
                    refused("login.failed", accountId, found, login, Map.of("reason", reason));
                }
            } finally {
                throttle.settle(login, address, outcome);
            }
        }
        if (!ok) {
            throw ApiException.noData();
        }
        PrincipalStore.Credentials c = found.get();
        if (c.suspendedAt().isPresent()) {
            refused("login.failed", accountId, found, login, Map.of("reason", "suspended"));
            // Said only to a caller who knows the password; XML shows it as no-data like any failed login.
            throw ApiException.problem(Problem.ACCOUNT_SUSPENDED, "login");
        }
        // An expired password, like a temporary one, logs in only to be changed.
        boolean expired = c.passwordExpiresAt().map(at -> !clock.instant().isBefore(at)).orElse(false);
        return new Authenticated(c.principalId(), c.accountId(), c.passwordTemporary() || expired,
                c.passwordTemporary());
    }

    /**
     * Why a right temporary password no longer logs in: it was used ({@code temporary-used}: it expires on first use)
     * or its time is over ({@code temporary-expired}); empty for any other password.
     */
    private Optional<String> spentTemporary(PrincipalStore.Credentials c) {
        if (!c.passwordTemporary()) {
            return Optional.empty();
        }
        if (c.temporaryUsed()) {
            return Optional.of("temporary-used");
        }
        boolean over = c.passwordExpiresAt().map(at -> !clock.instant().isBefore(at)).orElse(false);
        return over ? Optional.of("temporary-expired") : Optional.empty();
    }

    /** Ends {@code session} (logout), recorded in the audit trail. */
    public void logout(Session session) {
        db.transaction(() -> {
            sessions.end(session.sessionId());
            audit.change(session, "logout", AuditTarget.principal(session.principalId(), session.login()),
                    Map.of("session-id", session.sessionId()));
        });
    }

    /**
     * Records a refused login on a connection of its own (it survives a rolled-back batch), in the account of
     * the login if it exists, else the one the request named, else the default one.
     */
    private void refused(String kind, Optional<Long> accountId, Optional<PrincipalStore.Credentials> found,
                         String login, Map<String, ?> details) {
        long account = found.map(PrincipalStore.Credentials::accountId).or(() -> accountId)
                .orElseGet(defaultAccount::getAsLong);
        audit.loginRefused(account, kind, found.map(PrincipalStore.Credentials::principalId), login, details);
    }

    /** The login locks in force now, for an administrator. */
    public List<LoginThrottle.Lock> locks() {
        return throttle.locks();
    }

    /** Clears the locks of {@code login}, of {@code address}, or of the pair; returns how many counters went. */
    public int clearLocks(Optional<String> login, Optional<String> address) {
        return throttle.clear(login, address);
    }

    /** The credentials of an active user, in one unique-key read. */
    private Optional<PrincipalStore.Credentials> credentials(String login) {
        return db.select(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.ACCOUNT_ID, PRINCIPAL.PASSWORD_HASH, PRINCIPAL.SUSPENDED_AT,
                        PRINCIPAL.PASSWORD_TEMPORARY, PRINCIPAL.PASSWORD_EXPIRES_AT, PRINCIPAL.PASSWORD_TEMPORARY_USED_AT,
                        PRINCIPAL.PASSWORD_LOGIN)
                .from(PRINCIPAL)
                .where(PRINCIPAL.LOGIN.eq(login).and(PRINCIPAL.DELETED_AT.isNull()))
                .fetchOptional(r -> new PrincipalStore.Credentials(r.get(PRINCIPAL.PRINCIPAL_ID), r.get(PRINCIPAL.ACCOUNT_ID),
                        Optional.ofNullable(r.get(PRINCIPAL.PASSWORD_HASH)),
                        Optional.ofNullable(r.get(PRINCIPAL.SUSPENDED_AT)).map(Times::toInstant),
                        Boolean.TRUE.equals(r.get(PRINCIPAL.PASSWORD_TEMPORARY)),
                        Optional.ofNullable(r.get(PRINCIPAL.PASSWORD_EXPIRES_AT)).map(Times::toInstant),
                        r.get(PRINCIPAL.PASSWORD_TEMPORARY_USED_AT) != null,
                        !Boolean.FALSE.equals(r.get(PRINCIPAL.PASSWORD_LOGIN))));
    }
}
