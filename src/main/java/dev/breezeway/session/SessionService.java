package dev.breezeway.session;

import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.PrincipalType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues, resolves and ends sessions. A session stays alive while it is used at least once per idle
 * timeout; its last-seen time is written at most once a minute, so most requests cost one read.
 */
public final class SessionService {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private final SessionStore store;
    private final PrincipalStore principals;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration idleTimeout;

    public SessionService(SessionStore store, PrincipalStore principals, Tokens tokens, Clock clock,
                          Duration idleTimeout) {
        this.store = store;
        this.principals = principals;
        this.tokens = tokens;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /** The logged-in session behind {@code token}, if it is live. */
    public Optional<Session> resolve(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<SessionStore.Row> row = store.findLive(Tokens.hash(token), now, now.minus(idleTimeout));
        if (row.isEmpty() || row.get().principalId().isEmpty()) {
            return Optional.empty();
        }
        SessionStore.Row r = row.get();
        if (r.lastSeenAt().isBefore(now.minus(TOUCH_EVERY))) {
            store.touch(r.sessionId(), now);
        }
        long principalId = r.principalId().get();
        // An API client never counts as an administrator, whatever memberships its principal might have.
        java.util.function.BooleanSupplier admin = () -> r.type() != PrincipalType.API_CLIENT
                && principals.isInGroupOfType(principalId, PrincipalType.ADMINS);
        return Optional.of(new Session(r.sessionId(), principalId, r.accountId(), r.type(), r.login(), r.name(), admin,
                r.mustChangePassword()));
    }

    /** The presented token if it names a live session (anonymous or not), else a new anonymous one. */
    public String currentOrAnonymous(Optional<String> presented, Optional<String> userAgent) {
        Instant now = clock.instant();
        if (presented.isPresent() && Tokens.plausible(presented.get())
                && store.findLive(Tokens.hash(presented.get()), now, now.minus(idleTimeout)).isPresent()) {
            return presented.get();
        }
        String token = tokens.newToken();
        store.insertAnonymous(Tokens.hash(token), userAgent, now);
        return token;
    }

    /**
     * Starts a logged-in session: the presented token if it is a live anonymous session from
     * common-info (the documented flow), otherwise a fresh token. Returns the token to set.
     */
    public String start(long principalId, long accountId, Optional<String> presented, Optional<String> userAgent,
                        boolean mustChangePassword) {
        Instant now = clock.instant();
        if (presented.isPresent() && Tokens.plausible(presented.get())
                && store.bindAnonymous(Tokens.hash(presented.get()), principalId, accountId, now,
                now.minus(idleTimeout), mustChangePassword)) {
            return presented.get();
        }
        String token = tokens.newToken();
        store.insertLoggedIn(Tokens.hash(token), principalId, accountId, "interactive", userAgent, now,
                mustChangePassword);
        return token;
    }

    /**
     * Issues an API client's token for its principal, valid until {@code expiresAt} however long it
     * goes unused (the idle timeout does not apply). Returns the token, shown once.
     */
    public String startClient(long principalId, long accountId, Optional<String> userAgent, Instant expiresAt) {
        String token = tokens.newToken();
        store.insertClientToken(Tokens.hash(token), principalId, accountId, userAgent, clock.instant(), expiresAt);
        return token;
    }

    /** The idle timeout: a session not used for this long is refused. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Ends the session behind {@code token}; unknown tokens are ignored. */
    public void end(String token) {
        if (Tokens.plausible(token)) {
            store.revoke(Tokens.hash(token), clock.instant());
        }
    }

    /** Ends the session with this id. */
    public void end(long sessionId) {
        store.revokeById(sessionId, clock.instant());
    }

    /** Deletes sessions that can no longer be used; returns how many. */
    public int purgeExpired() {
        return store.purge(clock.instant().minus(idleTimeout).minus(Duration.ofDays(1)));
    }
}
