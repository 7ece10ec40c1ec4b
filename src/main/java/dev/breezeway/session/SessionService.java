package dev.breezeway.session;

import dev.breezeway.db.WriteGeneration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues, resolves and ends sessions. A logged-in session stays alive while it is used at least once per
 * idle timeout, and never longer than its maximum lifetime after the login (client tokens have a fixed
 * expiry instead); its last-seen time is written at most once a minute, and a resolved session is kept
 * for a moment ({@link SessionCache}), so most requests cost no session query at all. Anonymous
 * sessions ({@link AnonymousTokens}) are stored only when a login binds them.
 */
public final class SessionService {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private final SessionStore store;
    private final Tokens tokens;
    private final Clock clock;
    private final AnonymousTokens anonymous;
    private final SessionLifetime lifetime;
    private final SessionCache cache;

    /**
     * @param maxLifetime how long after its login an interactive session ends, however much it is used
     * @param writes      the database's write generation, which invalidates cached sessions
     * @param cacheTtl    how long a resolved session may be reused without asking the database; zero never reuses
     */
    public SessionService(SessionStore store, Tokens tokens, AnonymousTokens anonymous, Clock clock,
                          Duration idleTimeout, Duration maxLifetime, WriteGeneration writes, Duration cacheTtl) {
        this.cache = new SessionCache(writes, cacheTtl, System::nanoTime);
        this.store = store;
        this.tokens = tokens;
        this.anonymous = anonymous;
        this.clock = clock;
        this.lifetime = new SessionLifetime(idleTimeout, maxLifetime);
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
        Optional<SessionStore.Row> row = store.findLive(hash, now, lifetime);
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
        return lifetime.live(now, r.createdAt(), r.lastSeenAt(), r.expiresAt());
    }

    /** True if the last-seen time is more than a minute old and should be written. */
    private static boolean touchDue(SessionStore.Row r, Instant now) {
        return r.lastSeenAt().isBefore(now.minus(TOUCH_EVERY));
    }

    /**
     * The token for common-info to hand a caller without a logged-in session: the presented one if it is
     * an anonymous token of ours still inside its idle timeout that no session has used (one that was
     * logged in and then out is not handed back), else a new one. Nothing is written.
     */
    public String currentOrAnonymous(Optional<String> presented) {
        Instant now = clock.instant();
        return presented.filter(t -> bindable(t, now) && !store.exists(Tokens.hash(t)))
                .orElseGet(() -> anonymous.issue(now));
    }

    /**
     * Starts a logged-in session and returns the token to set: {@code presented} when it is an anonymous
     * token we issued within the idle timeout and no session ever used (the documented common-info →
     * {@code login&session=…} flow), otherwise a fresh token. Callers pass only a token the client gave as
     * a parameter, never one from a cookie, which a browser may have had planted.
     */
    public String start(long principalId, long accountId, Optional<String> presented, Optional<String> userAgent,
                        boolean mustChangePassword) {
        Instant now = clock.instant();
        if (presented.isPresent() && bindable(presented.get(), now)
                && store.insertLoggedIn(Tokens.hash(presented.get()), principalId, accountId, "interactive", userAgent,
                now, mustChangePassword)) {
            return presented.get();
        }
        String token = tokens.newToken();
        if (!store.insertLoggedIn(Tokens.hash(token), principalId, accountId, "interactive", userAgent, now,
                mustChangePassword)) {
            throw new IllegalStateException("a fresh 160-bit session token collided");
        }
        return token;
    }

    /** True if {@code token} is an anonymous token of ours, issued no longer than the idle timeout ago. */
    private boolean bindable(String token, Instant now) {
        return Tokens.plausible(token) && anonymous.issuedAt(token)
                .filter(at -> !at.isAfter(now.plusSeconds(60)) && at.isAfter(now.minus(lifetime.idle()))).isPresent();
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

    /**
     * Starts a session an authenticating proxy vouched for (HTTP header authentication), of kind {@code header},
     * with the lifetime of an interactive one; returns its fresh token.
     */
    public String startHeader(long principalId, long accountId, Optional<String> userAgent) {
        String token = tokens.newToken();
        if (!store.insertLoggedIn(Tokens.hash(token), principalId, accountId, "header", userAgent, clock.instant(),
                false)) {
            throw new IllegalStateException("a fresh 160-bit session token collided");
        }
        return token;
    }

    /**
     * Starts a session an OpenID Connect provider vouched for, of kind {@code sso}, with the lifetime of an
     * interactive one; returns its fresh token.
     */
    public String startSso(long principalId, long accountId, long providerId, Optional<String> userAgent) {
        String token = tokens.newToken();
        if (!store.insertLoggedIn(Tokens.hash(token), principalId, accountId, "sso", userAgent, clock.instant(),
                false, Optional.of(providerId))) {
            throw new IllegalStateException("a fresh 160-bit session token collided");
        }
        return token;
    }

    /** The OpenID Connect provider session {@code sessionId} came through, if it did. */
    public Optional<Long> ssoProviderOf(long sessionId) {
        return store.ssoProviderOf(sessionId);
    }

    /** The idle timeout: a session not used for this long is refused. */
    public Duration idleTimeout() {
        return lifetime.idle();
    }

    /** How long sessions live. */
    public SessionLifetime lifetime() {
        return lifetime;
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
        Instant cutoff = clock.instant().minus(Duration.ofDays(1));
        // A row outlives every anonymous token that could name it (idle timeout), so none is bound twice.
        return store.purge(cutoff.minus(lifetime.idle()), cutoff.minus(lifetime.max()).minus(lifetime.idle()));
    }
}
