package dev.breezeway.auth;

import static dev.breezeway.db.gen.Tables.LOGIN_ATTEMPT;

import dev.breezeway.db.Deadlocks;
import dev.breezeway.db.Times;
import dev.breezeway.metrics.LoginMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins in three scopes and refuses attempts while any is over its limit (the answer is
 * Adobe's {@code <status code="invalid" subcode="user-suspended"><param value="MINUTES"/></status>}):
 * one login from one client address ({@code maxFailures}, Adobe's 5 in 15 minutes), one address over
 * all logins ({@code maxPerAddress}), and one login over all addresses ({@code maxPerLogin}, high, for
 * guesses spread over many addresses). A window starts with its first failure and ends
 * {@code window} later, whatever is tried meanwhile.
 *
 * <p>Every attempt is reserved before its password is verified, in one short transaction of its own
 * (outside the request's, so a rolled-back batch cannot undo it): the counters are raised first and
 * read back under their row locks, so however many attempts race, no more than the limit are verified.
 * A success releases its reservation and forgets the failures of that login.
 */
public final class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** The key of the rows that count one address over all logins, and one login over all addresses. */
    private static final String ALL = "";
    private final DSLContext db;
    private final Clock clock;
    private final int maxFailures;
    private final int maxPerAddress;
    private final int maxPerLogin;
    private final Duration window;
    private final LoginMetrics metrics;

    /**
     * @param db      a context outside the request's transaction ({@code Database.autonomous()})
     * @param metrics counts each lock that starts ({@link LoginMetrics#lockout})
     */
    public LoginThrottle(DSLContext db, Clock clock, int maxFailures, int maxPerAddress, int maxPerLogin,
                         Duration window, LoginMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.maxPerAddress = maxPerAddress;
        this.maxPerLogin = maxPerLogin;
        this.window = window;
    }

    /** A lock as an administrator sees it: {@code login} or {@code address} empty for the wider scopes. */
    public record Lock(Optional<String> login, Optional<String> address, int failures, int minutesLeft) {
    }

    /**
     * Reserves an attempt of {@code login} from {@code address}, counting it as a failure until
     * {@link #succeeded} says otherwise; empty if the attempt may go on, else the minutes it is locked.
     * The pair is counted first and a locked scope stops the count, so hammering a login that is locked
     * for this address adds nothing to the address's or the login's totals; guessing other logins does.
     */
    public OptionalInt reserve(String login, String address) {
        String key = key(login);
        String addr = addressKey(address);
        Instant now = clock.instant();
        // Racing attempts lock the same counters in different orders (and gaps of absent ones): InnoDB
        // may pick one as a deadlock's victim, which is rolled back whole and safe to run again.
        Counted counted = Deadlocks.retry(() -> db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            for (Scope s : List.of(new Scope(key, addr, maxFailures), new Scope(ALL, addr, maxPerAddress),
                    new Scope(key, ALL, maxPerLogin))) {
                Counted c = count(t, s, now);
                if (c.locked().isPresent()) {
                    return c;
                }
            }
            return new Counted(OptionalInt.empty(), Optional.empty());
        }));
        counted.started().ifPresent(s -> {
            metrics.lockout();  // after the commit, so a retried transaction counts once
            log.info("Login lock started for {} minutes: login '{}' from address {} ('' = any) had {} failures",
                    counted.locked().getAsInt(), s.login(), s.address(), s.max());
        });
        return counted.locked();
    }

    /** One counter's verdict: the minutes it is locked, and the scope whose lock this attempt started. */
    private record Counted(OptionalInt locked, Optional<Scope> started) {
    }

    private record Scope(String login, String address, int max) {
    }

    /** Raises one counter (a new window once the old one has passed) and says whether it is now over its limit. */
    private Counted count(DSLContext t, Scope s, Instant now) {
        LocalDateTime cutoff = Times.toLocal(now.minus(window));
        t.insertInto(LOGIN_ATTEMPT)
                .set(LOGIN_ATTEMPT.LOGIN_KEY, s.login())
                .set(LOGIN_ATTEMPT.ADDRESS, s.address())
                .set(LOGIN_ATTEMPT.WINDOW_START, Times.toLocal(now))
                .set(LOGIN_ATTEMPT.FAILURES, 1)
                .onDuplicateKeyUpdate()
                // failures is assigned first: MariaDB evaluates assignments left to right.
                .set(LOGIN_ATTEMPT.FAILURES, DSL.when(LOGIN_ATTEMPT.WINDOW_START.lt(cutoff), DSL.inline(1))
                        .otherwise(LOGIN_ATTEMPT.FAILURES.plus(1)))
                .set(LOGIN_ATTEMPT.WINDOW_START, DSL.when(LOGIN_ATTEMPT.WINDOW_START.lt(cutoff), DSL.val(Times.toLocal(now)))
                        .otherwise(LOGIN_ATTEMPT.WINDOW_START))
                .execute();
        Record2<LocalDateTime, Integer> r = t.select(LOGIN_ATTEMPT.WINDOW_START, LOGIN_ATTEMPT.FAILURES)
                .from(LOGIN_ATTEMPT)
                .where(LOGIN_ATTEMPT.LOGIN_KEY.eq(s.login()).and(LOGIN_ATTEMPT.ADDRESS.eq(s.address())))
                .fetchSingle();
        // The attempt that reaches the limit is still verified; the ones after it are refused.
        return r.value2() > s.max()
                ? new Counted(OptionalInt.of(minutesLeft(r.value1(), now)),
                        Optional.of(s).filter(x -> r.value2() == x.max() + 1))
                : new Counted(OptionalInt.empty(), Optional.empty());
    }

    /**
     * Releases the reservation of a login that succeeded from {@code address}: its failures from every
     * address are forgotten (the owner proved the password), and the address's total loses this attempt.
     */
    public void succeeded(String login, String address) {
        String key = key(login);
        String addr = addressKey(address);
        Deadlocks.retry(() -> db.transaction(tx -> {
            tx.dsl().deleteFrom(LOGIN_ATTEMPT).where(LOGIN_ATTEMPT.LOGIN_KEY.eq(key)).execute();
            tx.dsl().update(LOGIN_ATTEMPT)
                    .set(LOGIN_ATTEMPT.FAILURES, DSL.greatest(LOGIN_ATTEMPT.FAILURES.minus(1), DSL.inline(0)))
                    .where(LOGIN_ATTEMPT.LOGIN_KEY.eq(ALL).and(LOGIN_ATTEMPT.ADDRESS.eq(addr)))
                    .execute();
        }));
    }

    /** The counters over their limit now, longest lock first. */
    public List<Lock> locks() {
        Instant now = clock.instant();
        LocalDateTime cutoff = Times.toLocal(now.minus(window));
        return db.select(LOGIN_ATTEMPT.LOGIN_KEY, LOGIN_ATTEMPT.ADDRESS, LOGIN_ATTEMPT.WINDOW_START, LOGIN_ATTEMPT.FAILURES)
                .from(LOGIN_ATTEMPT)
                .where(LOGIN_ATTEMPT.WINDOW_START.ge(cutoff))
                .orderBy(LOGIN_ATTEMPT.WINDOW_START, LOGIN_ATTEMPT.LOGIN_KEY, LOGIN_ATTEMPT.ADDRESS)
                .fetch()
                .stream()
                .filter(r -> r.value4() >= limitOf(r.value1(), r.value2()))
                .map(r -> new Lock(Optional.of(r.value1()).filter(s -> !s.isEmpty()),
                        Optional.of(r.value2()).filter(s -> !s.isEmpty()), r.value4(), minutesLeft(r.value3(), now)))
                .toList();
    }

    /**
     * Forgets the failures of {@code login} (every address), of {@code address} (every login), or of the
     * pair when both are given; returns how many counters were removed.
     */
    public int clear(Optional<String> login, Optional<String> address) {
        var which = login.map(l -> LOGIN_ATTEMPT.LOGIN_KEY.eq(key(l))).orElse(DSL.noCondition())
                .and(address.map(a -> LOGIN_ATTEMPT.ADDRESS.eq(addressKey(a))).orElse(DSL.noCondition()));
        if (login.isEmpty() && address.isEmpty()) {
            return 0;
        }
        return db.deleteFrom(LOGIN_ATTEMPT).where(which).execute();
    }

    /** Deletes windows that have passed; returns how many. */
    public int purge() {
        return db.deleteFrom(LOGIN_ATTEMPT)
                .where(LOGIN_ATTEMPT.WINDOW_START.lt(Times.toLocal(clock.instant().minus(window))))
                .execute();
    }

    private int limitOf(String login, String address) {
        return login.isEmpty() ? maxPerAddress : address.isEmpty() ? maxPerLogin : maxFailures;
    }

    private int minutesLeft(LocalDateTime windowStart, Instant now) {
        Instant until = Times.toInstant(windowStart).plus(window);
        return (int) Math.max(1, (Duration.between(now, until).toSeconds() + 59) / 60);
    }

    private static String key(String login) {
        String k = login.strip();
        return k.length() <= 255 ? k : k.substring(0, 255);
    }

    private static String addressKey(String address) {
        return address.length() <= 64 ? address : address.substring(0, 64);
    }
}
