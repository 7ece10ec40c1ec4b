package dev.breezeway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a session lives, the one rule for resolving, listing and purging sessions: a logged-in session
 * ends {@code idle} after its last use or {@code max} after its login, whichever comes first; an API
 * client's token at its fixed expiry instead. {@link SessionStore} states the same rule in SQL.
 */
public record SessionLifetime(Duration idle, Duration max) {

    /** When a session created at {@code createdAt} and last used at {@code lastSeenAt} stops working. */
    public Instant expiresAt(Instant createdAt, Instant lastSeenAt, Optional<Instant> fixedExpiry) {
        return fixedExpiry.orElseGet(() -> {
            Instant idleEnd = lastSeenAt.plus(idle);
            Instant maxEnd = createdAt.plus(max);
            return idleEnd.isBefore(maxEnd) ? idleEnd : maxEnd;
        });
    }

    /** True if such a session still works at {@code now}. */
    public boolean live(Instant now, Instant createdAt, Instant lastSeenAt, Optional<Instant> fixedExpiry) {
        return now.isBefore(expiresAt(createdAt, lastSeenAt, fixedExpiry));
    }
}
