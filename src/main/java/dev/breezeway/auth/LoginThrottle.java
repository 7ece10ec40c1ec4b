package dev.breezeway.auth;

import static dev.breezeway.db.gen.Tables.LOGIN_ATTEMPT;

import dev.breezeway.db.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.OptionalInt;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Locks a login after {@code maxFailures} failed attempts inside a window (Adobe Connect: 5 within
 * 15 minutes) until the window has passed, whatever password is tried meanwhile.
 */
public final class LoginThrottle {
    private final DSLContext db;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    public LoginThrottle(DSLContext db, Clock clock, int maxFailures, Duration window) {
        this.db = db;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** What the throttle knows of a login: whether it is locked now, and whether it has failures to forget. */
    public record State(OptionalInt lockedMinutes, boolean hasFailures) {
        static final State CLEAN = new State(OptionalInt.empty(), false);
    }

    /** The condition that picks the row of {@code login}, for a read that joins it to another table. */
    Condition rowOf(String login) {
        return LOGIN_ATTEMPT.LOGIN_KEY.eq(key(login));
    }

    /** The state a row read with {@link #rowOf} gives; both values null: there is no row. */
    State state(LocalDateTime windowStart, Integer failures) {
        if (windowStart == null || failures == null) {
            return State.CLEAN;
        }
        Instant now = clock.instant();
        Instant until = Times.toInstant(windowStart).plus(window);
        OptionalInt locked = failures >= maxFailures && until.isAfter(now)
                ? OptionalInt.of((int) Math.max(1, (Duration.between(now, until).toSeconds() + 59) / 60))
                : OptionalInt.empty();
        return new State(locked, true);
    }

    /** Counts a failure; a failure after the window has passed starts a new window. */
    public void failed(String login) {
        Instant now = clock.instant();
        var cutoff = Times.toLocal(now.minus(window));
        db.insertInto(LOGIN_ATTEMPT)
                .set(LOGIN_ATTEMPT.LOGIN_KEY, key(login))
                .set(LOGIN_ATTEMPT.WINDOW_START, Times.toLocal(now))
                .set(LOGIN_ATTEMPT.FAILURES, 1)
                .onDuplicateKeyUpdate()
                // failures is assigned first: MariaDB evaluates assignments left to right.
                .set(LOGIN_ATTEMPT.FAILURES, DSL.when(LOGIN_ATTEMPT.WINDOW_START.lt(cutoff), DSL.inline(1))
                        .otherwise(LOGIN_ATTEMPT.FAILURES.plus(1)))
                .set(LOGIN_ATTEMPT.WINDOW_START, DSL.when(LOGIN_ATTEMPT.WINDOW_START.lt(cutoff), DSL.val(Times.toLocal(now)))
                        .otherwise(LOGIN_ATTEMPT.WINDOW_START))
                .execute();
    }

    /** Forgets the failures of {@code login} after a successful login. */
    public void succeeded(String login) {
        db.deleteFrom(LOGIN_ATTEMPT).where(LOGIN_ATTEMPT.LOGIN_KEY.eq(key(login))).execute();
    }

    /** Deletes windows that have passed; returns how many. */
    public int purge() {
        return db.deleteFrom(LOGIN_ATTEMPT)
                .where(LOGIN_ATTEMPT.WINDOW_START.lt(Times.toLocal(clock.instant().minus(window))))
                .execute();
    }

    private static String key(String login) {
        String k = login.strip();
        return k.length() <= 255 ? k : k.substring(0, 255);
    }
}
