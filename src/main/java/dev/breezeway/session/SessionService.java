package dev.breezeway.session;

import dev.breezeway.db.WriteGeneration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues, resolves and ends sessions. A session stays alive while it is used at least once per idle
 * timeout; its last-seen time is written at most once a minute, and a resolved session is kept for a
 * moment ({@link SessionCache}), so most requests cost no session query at all.
 */
public final class SessionService {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private final SessionStore store;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration idleTimeout;
    private final SessionCache cache;

    /**
     * @param writes   the database's write generation, which invalidates cached sessions
     * @param cacheTtl how long a resolved session may be reused without asking the database; zero never reuses
     */
    public SessionService(SessionStore store, Tokens tokens, Clock clock,
                          Duration idleTimeout, WriteGeneration writes, Duration cacheTtl) {
        this.cache = new SessionCache(writes, cacheTtl, System::nanoTime);
        this.store = store;
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
        byte[] hash = Tokens.hash(token);
        Optional<SessionCache.Entry> hit = cache.get(hash);
        if (hit.isPresent() && stillLive(hit.get().row(), now) && !touchDue(hit.get().row(), now)) {
            return Optional.of(hit.get().session());
        }
        long generation = cache.generation();
        Optional<SessionStore.Row> row = store.findLive(hash, now, now.minus(idleTimeout));
        if (row.isEmpty() || row.get().principalId().isEmpty()) {
            return Optional.empty();
        }
        SessionStore.Row r = row.get();
        long principalId = r.principalId().get();
        Session session = new Session(r.sessionId(), principalId, r.accountId(), r.type(), r.login(), r.name(),
                r.mustChangePassword(), cache::generation);
        if (touchDue(r, now)) {
            // A touch is a write, which invalidates cached entries; the next request caches this one.
            store.touch(r.sessionId(), now);
        } else {
            cache.put(hash, generation, r, session);
        }
        return Optional.of(session);
    }

    /** The checks of {@link SessionStore#findLive} that time alone can change, for a cached row. */
    private boolean stillLive(SessionStore.Row r, Instant now) {
        return r.expiresAt().map(now::isBefore).orElseGet(() -> r.lastSeenAt().isAfter(now.minus(idleTimeout)));
    }

    /** True if the last-seen time is more than a minute old and should be written. */
    private static boolean touchDue(SessionStore.Row r, Instant now) {
        return r.lastSeenAt().isBefore(now.minus(TOUCH_EVERY));
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

    /** A fresh token that names no session (yet): what a failed login sets as its cookie. */
    public String unboundToken() {
        return tokens.newToken();
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
