package dev.breezeway.auth;

import dev.breezeway.error.ApiException;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.session.SessionService;
import java.time.Clock;
import java.util.Optional;

/**
 * Password login: checks the credentials of an active user and starts a session. Every failure
 * (unknown login, wrong password, no password, suspended) is the same {@code no-data}, and costs
 * the same hashing time, so callers cannot tell which logins exist.
 */
public final class AuthService {
    private final PrincipalStore principals;
    private final SessionService sessions;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AuthService(PrincipalStore principals, SessionService sessions, PasswordHasher hasher, Clock clock) {
        this.principals = principals;
        this.sessions = sessions;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A login attempt as the wire gives it. */
    public record LoginRequest(String login, String password, Optional<Long> accountId, Optional<String> presentedToken,
                               Optional<String> userAgent) {
    }

    /** Logs in and returns the session token. @throws ApiException {@code no-data} on bad credentials */
    public String login(LoginRequest request) {
        Optional<PrincipalStore.Credentials> found = principals.findCredentials(request.login());
        Optional<String> hash = found.flatMap(PrincipalStore.Credentials::passwordHash);
        if (hash.isEmpty()) {
            hasher.verifyDummy(request.password());
            throw ApiException.noData();
        }
        PrincipalStore.Credentials c = found.get();
        boolean ok = hasher.verify(request.password(), hash.get());
        boolean accountMatches = request.accountId().map(a -> a == c.accountId()).orElse(true);
        if (!ok || !accountMatches || c.suspendedAt().isPresent()) {
            throw ApiException.noData();
        }
        String token = sessions.start(c.principalId(), c.accountId(), request.presentedToken(), request.userAgent());
        principals.touchLastActive(c.principalId(), clock.instant());
        return token;
    }
}
