package dev.breezeway.auth;

import static dev.breezeway.db.gen.Tables.LOGIN_ATTEMPT;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.Times;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import dev.breezeway.principal.LastActive;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.session.SessionService;
import java.time.Clock;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Password login: checks the credentials of an active user and starts a session. Every failure
 * (unknown login, wrong password, no password, suspended) is the same {@code no-data}, and costs
 * the same hashing time, so callers cannot tell which logins exist. Repeated failures lock the
 * login for a while ({@link LoginThrottle}).
 */
public final class AuthService {
    private final DSLContext db;
    private final SessionService sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final LastActive lastActive;
    private final Clock clock;

    public AuthService(DSLContext db, SessionService sessions, PasswordHasher hasher,
                       LoginThrottle throttle, LastActive lastActive, Clock clock) {
        this.db = db;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.lastActive = lastActive;
        this.clock = clock;
    }

    /** A login attempt as the wire gives it. */
    public record LoginRequest(String login, String password, Optional<Long> accountId, Optional<String> presentedToken,
                               Optional<String> userAgent) {
    }

    /** The principal behind a pair of credentials; a temporary or expired password only allows changing it. */
    public record Authenticated(long principalId, long accountId, boolean mustChangePassword) {
    }

    /**
     * Logs in and returns the session token.
     *
     * @throws ApiException {@code no-data} on bad credentials, {@code invalid}/{@code user-suspended} while locked
     */
    public String login(LoginRequest request) {
        Authenticated who = authenticate(request.login(), request.password(), request.accountId());
        String token = sessions.start(who.principalId(), who.accountId(), request.presentedToken(),
                request.userAgent(), who.mustChangePassword());
        lastActive.record(who.principalId(), clock.instant());  // written behind, within a second
        return token;
    }

    /** Checks credentials without starting a session (user-accounts), with the same throttling. */
    public Authenticated authenticate(String login, String password, Optional<Long> accountId) {
        Lookup lookup = lookup(login);
        LoginThrottle.State state = lookup.throttle();
        if (state.lockedMinutes().isPresent()) {
            throw ApiException.userSuspended(state.lockedMinutes().getAsInt());
        }
        Optional<PrincipalStore.Credentials> found = lookup.credentials();
        Optional<String> hash = found.flatMap(PrincipalStore.Credentials::passwordHash);
        if (hash.isEmpty()) {
            hasher.verifyDummy(password);
            throttle.failed(login);
            throw ApiException.noData();
        }
        PrincipalStore.Credentials c = found.get();
        boolean ok = hasher.verify(password, hash.get());
        boolean accountMatches = accountId.map(a -> a == c.accountId()).orElse(true);
        if (!ok || !accountMatches) {
            throttle.failed(login);
            throw ApiException.noData();
        }
        if (c.suspendedAt().isPresent()) {
            // Said only to a caller who knows the password; XML shows it as no-data like any failed login.
            throw ApiException.problem(Problem.ACCOUNT_SUSPENDED, "login");
        }
        if (state.hasFailures()) {
            throttle.succeeded(login);  // a login without earlier failures writes nothing here
        }
        // An expired password, like a temporary one, logs in only to be changed.
        boolean expired = c.passwordExpiresAt().map(at -> !clock.instant().isBefore(at)).orElse(false);
        return new Authenticated(c.principalId(), c.accountId(), c.passwordTemporary() || expired);
    }

    private record Lookup(LoginThrottle.State throttle, Optional<PrincipalStore.Credentials> credentials) {
    }

    /**
     * The throttle's state and the credentials of an active user, in one read: two unique-key lookups
     * joined to a one-row table, so the row is there whether or not either exists.
     */
    private Lookup lookup(String login) {
        Record r = db.select(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.ACCOUNT_ID, PRINCIPAL.PASSWORD_HASH, PRINCIPAL.SUSPENDED_AT,
                        PRINCIPAL.PASSWORD_TEMPORARY, PRINCIPAL.PASSWORD_EXPIRES_AT, LOGIN_ATTEMPT.WINDOW_START, LOGIN_ATTEMPT.FAILURES)
                .from(DSL.selectOne().asTable("one"))
                .leftJoin(PRINCIPAL).on(PRINCIPAL.LOGIN.eq(login).and(PRINCIPAL.DELETED_AT.isNull()))
                .leftJoin(LOGIN_ATTEMPT).on(throttle.rowOf(login))
                .fetchSingle();
        Optional<PrincipalStore.Credentials> credentials = Optional.ofNullable(r.get(PRINCIPAL.PRINCIPAL_ID))
                .map(id -> new PrincipalStore.Credentials(id, r.get(PRINCIPAL.ACCOUNT_ID),
                        Optional.ofNullable(r.get(PRINCIPAL.PASSWORD_HASH)),
                        Optional.ofNullable(r.get(PRINCIPAL.SUSPENDED_AT)).map(Times::toInstant),
                        Boolean.TRUE.equals(r.get(PRINCIPAL.PASSWORD_TEMPORARY)),
                        Optional.ofNullable(r.get(PRINCIPAL.PASSWORD_EXPIRES_AT)).map(Times::toInstant)));
        return new Lookup(throttle.state(r.get(LOGIN_ATTEMPT.WINDOW_START), r.get(LOGIN_ATTEMPT.FAILURES)), credentials);
    }
}
