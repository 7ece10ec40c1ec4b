package dev.breezeway.auth;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.session.SessionService;
import java.time.Clock;
import org.jooq.DSLContext;
import java.util.Optional;

/**
 * Password login: checks the credentials of an active user and starts a session. Every failure
 * (unknown login, wrong password, no password, suspended) is the same {@code no-data}, and costs
 * the same hashing time, so callers cannot tell which logins exist. Repeated failures lock the
 * login for a while ({@link LoginThrottle}).
 */
public final class AuthService {
    private final DSLContext db;
    private final PrincipalStore principals;
    private final SessionService sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;

    public AuthService(DSLContext db, PrincipalStore principals, SessionService sessions, PasswordHasher hasher,
                       LoginThrottle throttle, Clock clock) {
        this.db = db;
        this.principals = principals;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** A login attempt as the wire gives it. */
    public record LoginRequest(String login, String password, Optional<Long> accountId, Optional<String> presentedToken,
                               Optional<String> userAgent) {
    }

    /** The principal behind a pair of credentials; a temporary password only allows changing it. */
    public record Authenticated(long principalId, long accountId, boolean mustChangePassword) {
    }

    /**
     * Logs in and returns the session token.
     *
     * @throws ApiException {@code no-data} on bad credentials, {@code invalid}/{@code user-suspended} while locked
     */
    public String login(LoginRequest request) {
        Authenticated who = authenticate(request.login(), request.password(), request.accountId());
        // One transaction: the session and the last-active time are one commit, not two.
        return db.transactionResult(() -> {
            String token = sessions.start(who.principalId(), who.accountId(), request.presentedToken(),
                    request.userAgent(), who.mustChangePassword());
            principals.touchLastActive(who.principalId(), clock.instant());
            return token;
        });
    }

    /** Checks credentials without starting a session (user-accounts), with the same throttling. */
    public Authenticated authenticate(String login, String password, Optional<Long> accountId) {
        LoginThrottle.State state = throttle.state(login);
        if (state.lockedMinutes().isPresent()) {
            throw ApiException.userSuspended(state.lockedMinutes().getAsInt());
        }
        Optional<PrincipalStore.Credentials> found = principals.findCredentials(login);
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
        return new Authenticated(c.principalId(), c.accountId(), c.passwordTemporary());
    }
}
