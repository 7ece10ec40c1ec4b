package dev.breezeway.auth;

import static dev.breezeway.db.gen.Tables.LOGIN_ATTEMPT;

import dev.breezeway.db.Deadlocks;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
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
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins in three scopes and refuses attempts while any is over its limit (the answer is
 * Adobe's {@code <status code="invalid" subcode="user-suspended"><param value="MINUTES"/></status>}):
 * one login from one client address ({@code maxFailures}, Adobe's 5 in 15 minutes), one address over
 * all logins ({@code maxPerAddress}), and one login over all addresses ({@code maxPerLogin}, high, for
 * guesses spread over many addresses). A window starts with the first attempt after the last window
 * has passed (a success starts the login's again) and ends {@code window} later, whatever is tried
 * meanwhile.
 *
 * <p>Every attempt is reserved before its password is verified, in one short transaction of its own
 * (outside the request's, so a rolled-back batch cannot undo it): the attempt is counted as <em>in
 * flight</em> ({@code pending}) in each scope and the counters are read back under their row locks. A
 * scope whose failures have reached its limit refuses the attempt (locked). A scope whose failures and
 * attempts in flight together would pass its limit makes the attempt wait a moment and try again, so
 * however many attempts race, no more are verified than failures could still be allowed, while
 * attempts with the right password, which never turn into failures, only queue briefly: logins running
 * at once from one address never lock it by themselves. {@link #settle} then turns the attempt into a
 * failure, forgets the login's failures (a success), or just ends it (abandoned before an answer).
 */
public final class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** The key of the rows that count one address over all logins, and one login over all addresses. */
    private static final String ALL = "";
    /** How long an attempt waits for a crowded scope before it is answered busy. */
    static final Duration CROWD_WAIT = Duration.ofSeconds(2);
    /** Attempts in flight of a row untouched this long are from a process that stopped; they are dropped. */
    static final Duration PENDING_STALE = Duration.ofSeconds(30);
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

    /** How a reserved attempt ended. */
    public enum Outcome {
        /** The password was right: the login's failures are forgotten everywhere. */
        SUCCEEDED,
        /** Wrong password, unknown login, another account: one failure in every scope. */
        FAILED,
        /** Ended before an answer (the client left, the database failed): nothing is counted. */
        ABANDONED
    }

    /**
     * Reserves an attempt of {@code login} from {@code address}; empty if it may go on (then
     * {@link #settle} must follow), else the minutes it is locked. The pair is checked first and a locked
     * scope refuses the reservation, which is rolled back whole, so hammering a locked pair touches
     * nothing.
     *
     * @throws ApiException {@link Problem#SERVER_BUSY} when a scope stayed crowded for {@link #CROWD_WAIT}
     */
    public OptionalInt reserve(String login, String address) {
        String key = key(login);
        String addr = addressKey(address);
        long deadline = System.nanoTime() + CROWD_WAIT.toNanos();
        while (true) {
            Instant now = clock.instant();
            try {
                // Racing attempts lock the same counters in different orders (and gaps of absent ones): InnoDB
                // may pick one as a deadlock's victim, which is rolled back whole and safe to run again.
                Deadlocks.retry(() -> db.transaction(tx -> {
                    Refused refused = null;
                    for (Scope s : scopes(key, addr)) {
                        refused = Refused.worse(refused, s.login().equals(ALL)
                                ? lockedIn(tx.dsl(), s, now) : reserveIn(tx.dsl(), s, now));
                    }
                    if (refused != null) {
                        throw refused;
                    }
                }));
                return OptionalInt.empty();
            } catch (Refused r) {
                if (!r.crowded) {
                    return OptionalInt.of(r.minutesLeft);
                }
                if (System.nanoTime() > deadline) {
                    throw ApiException.problem(Problem.SERVER_BUSY, "login");
                }
                pause();
            }
        }
    }

    /** Ends a reserved attempt. */
    public void settle(String login, String address, Outcome outcome) {
        String key = key(login);
        String addr = addressKey(address);
        Instant now = clock.instant();
        List<Scope> scopes = scopes(key, addr);
        // A success forgets the login's failures from every address: its other rows are found by a plain
        // read, then every row is locked one by one in key order, like every row here.
        List<Scope> rows = new java.util.ArrayList<>(scopes);
        if (outcome == Outcome.SUCCEEDED) {
            db.select(LOGIN_ATTEMPT.ADDRESS).from(LOGIN_ATTEMPT)
                    .where(LOGIN_ATTEMPT.LOGIN_KEY.eq(key).and(LOGIN_ATTEMPT.FAILURES.gt(0))
                            .and(LOGIN_ATTEMPT.ADDRESS.notIn(ALL, addr)))
                    .fetch(LOGIN_ATTEMPT.ADDRESS)
                    .forEach(other -> rows.add(new Scope(key, other, 0)));
            rows.sort(KEY_ORDER);
        }
        Optional<Scope> started = Deadlocks.retry(() -> db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            Optional<Scope> lockStarted = Optional.empty();
            for (Scope s : rows) {
                if (s.login().equals(ALL)) {
                    if (outcome == Outcome.FAILED) {
                        failAddress(t, s, now);
                        lockStarted = lockStarted.or(() -> startedIn(t, s));
                    }
                    continue;
                }
                boolean ours = scopes.contains(s);
                var update = t.update(LOGIN_ATTEMPT).set(LOGIN_ATTEMPT.PENDING, ours
                        ? DSL.greatest(LOGIN_ATTEMPT.PENDING.minus(1), DSL.inline(0)) : LOGIN_ATTEMPT.PENDING);
                if (outcome == Outcome.FAILED) {
                    update = update.set(LOGIN_ATTEMPT.FAILURES, LOGIN_ATTEMPT.FAILURES.plus(1));
                } else if (outcome == Outcome.SUCCEEDED && s.login().equals(key)) {
                    update = update.set(LOGIN_ATTEMPT.FAILURES, 0).set(LOGIN_ATTEMPT.WINDOW_START, Times.toLocal(now));
                }
                update.where(s.row()).execute();
                if (outcome == Outcome.FAILED && lockStarted.isEmpty()) {
                    lockStarted = startedIn(t, s);
                }
            }
            return lockStarted;
        }));
        started.ifPresent(s -> {
            metrics.lockout();  // after the commit, so a retried transaction counts once
            log.info("Login lock started for {} minutes: login '{}' from address {} ('' = any) had {} failures",
                    window.toMinutes(), s.login(), s.address(), s.max());
        });
    }

    /** The scope, if this failure brought it to its limit. */
    private static Optional<Scope> startedIn(DSLContext t, Scope s) {
        Integer failures = t.select(LOGIN_ATTEMPT.FAILURES).from(LOGIN_ATTEMPT).where(s.row())
                .fetchOne(LOGIN_ATTEMPT.FAILURES);
        return Optional.of(s).filter(x -> failures != null && failures == x.max());
    }

    /** One failure more of the address over all logins (a new window once the old one has passed). */
    private void failAddress(DSLContext t, Scope s, Instant now) {
        var expired = LOGIN_ATTEMPT.WINDOW_START.lt(Times.toLocal(now.minus(window)));
        t.insertInto(LOGIN_ATTEMPT)
                .set(LOGIN_ATTEMPT.LOGIN_KEY, s.login())
                .set(LOGIN_ATTEMPT.ADDRESS, s.address())
                .set(LOGIN_ATTEMPT.WINDOW_START, Times.toLocal(now))
                .set(LOGIN_ATTEMPT.FAILURES, 1)
                .set(LOGIN_ATTEMPT.PENDING, 0)
                .onDuplicateKeyUpdate()
                // failures first: MariaDB assigns left to right, and window_start is read by it.
                .set(LOGIN_ATTEMPT.FAILURES, DSL.when(expired, DSL.inline(1)).otherwise(LOGIN_ATTEMPT.FAILURES.plus(1)))
                .set(LOGIN_ATTEMPT.WINDOW_START, DSL.when(expired, DSL.val(Times.toLocal(now)))
                        .otherwise(LOGIN_ATTEMPT.WINDOW_START))
                .execute();
    }

    /**
     * The address's counter over all logins is read, not reserved: every login from that address would
     * otherwise write one row, and the logins of an LMS or a script from one server would queue for its
     * lock one by one (measured: 0.68× of the hash ceiling with 16 connections from one address). So it
     * refuses once its failures have reached the limit, and the attempts already in flight when that
     * happens (at most {@code BREEZEWAY_HASH_QUEUE}) may still pass it; the narrower scopes stay exact.
     */
    private Refused lockedIn(DSLContext t, Scope s, Instant now) {
        Record2<LocalDateTime, Integer> r = t.select(LOGIN_ATTEMPT.WINDOW_START, LOGIN_ATTEMPT.FAILURES)
                .from(LOGIN_ATTEMPT).where(s.row()).fetchOne();
        if (r == null || r.value1().isBefore(Times.toLocal(now.minus(window))) || r.value2() < s.max()) {
            return null;
        }
        return new Refused(false, minutesLeft(r.value1(), now));
    }

    /** Primary-key order of the counters' rows ({@code ''}, "all", sorts first). */
    private static final java.util.Comparator<Scope> KEY_ORDER =
            java.util.Comparator.comparing(Scope::login).thenComparing(Scope::address);

    /**
     * The attempt's three counters in primary-key order (the address's over all logins, the login's over
     * all addresses, the pair), the order in which every transaction here locks rows, so that two of them
     * never wait on each other in a cycle; a refused reservation is rolled back whole, so the order of the
     * checks changes no outcome.
     */
    private List<Scope> scopes(String key, String addr) {
        return java.util.stream.Stream.of(new Scope(ALL, addr, maxPerAddress), new Scope(key, ALL, maxPerLogin),
                new Scope(key, addr, maxFailures)).distinct().sorted(KEY_ORDER).toList();
    }

    private record Scope(String login, String address, int max) {
        org.jooq.Condition row() {
            return LOGIN_ATTEMPT.LOGIN_KEY.eq(login).and(LOGIN_ATTEMPT.ADDRESS.eq(address));
        }
    }

    /** Why a reservation was rolled back: a locked scope, or one too crowded for now. */
    private static final class Refused extends RuntimeException {
        final boolean crowded;
        final int minutesLeft;

        Refused(boolean crowded, int minutesLeft) {
            super(null, null, false, false);
            this.crowded = crowded;
            this.minutesLeft = minutesLeft;
        }

        /** A lock beats a crowd, a longer lock a shorter one. */
        static Refused worse(Refused a, Refused b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            if (a.crowded != b.crowded) {
                return a.crowded ? b : a;
            }
            return a.minutesLeft >= b.minutesLeft ? a : b;
        }
    }

    /**
     * Counts the attempt in flight in one scope (a new window once the old one has passed, in-flight
     * counts of a stopped process dropped); returns the refusal if the scope's failures have reached its
     * limit or would pass it with the attempts in flight (the caller then rolls the reservation back).
     */
    private Refused reserveIn(DSLContext t, Scope s, Instant now) {
        LocalDateTime cutoff = Times.toLocal(now.minus(window));
        LocalDateTime stale = Times.toLocal(now.minus(PENDING_STALE));
        var expired = LOGIN_ATTEMPT.WINDOW_START.lt(cutoff);
        t.insertInto(LOGIN_ATTEMPT)
                .set(LOGIN_ATTEMPT.LOGIN_KEY, s.login())
                .set(LOGIN_ATTEMPT.ADDRESS, s.address())
                .set(LOGIN_ATTEMPT.WINDOW_START, Times.toLocal(now))
                .set(LOGIN_ATTEMPT.FAILURES, 0)
                .set(LOGIN_ATTEMPT.PENDING, 1)
                .set(LOGIN_ATTEMPT.PENDING_AT, Times.toLocal(now))
                .onDuplicateKeyUpdate()
                // MariaDB assigns left to right, each seeing the ones before: failures and pending first.
                .set(LOGIN_ATTEMPT.FAILURES, DSL.when(expired, DSL.inline(0)).otherwise(LOGIN_ATTEMPT.FAILURES))
                .set(LOGIN_ATTEMPT.PENDING, DSL.when(expired.or(LOGIN_ATTEMPT.PENDING_AT.isNull())
                        .or(LOGIN_ATTEMPT.PENDING_AT.lt(stale)), DSL.inline(1)).otherwise(LOGIN_ATTEMPT.PENDING.plus(1)))
                .set(LOGIN_ATTEMPT.PENDING_AT, Times.toLocal(now))
                .set(LOGIN_ATTEMPT.WINDOW_START, DSL.when(expired, DSL.val(Times.toLocal(now)))
                        .otherwise(LOGIN_ATTEMPT.WINDOW_START))
                .execute();
        Record3<LocalDateTime, Integer, Integer> r = t.select(LOGIN_ATTEMPT.WINDOW_START, LOGIN_ATTEMPT.FAILURES,
                        LOGIN_ATTEMPT.PENDING)
                .from(LOGIN_ATTEMPT)
                .where(s.row())
                .fetchSingle();
        if (r.value2() >= s.max()) {
            return new Refused(false, minutesLeft(r.value1(), now));
        }
        return r.value2() + r.value3() > s.max() ? new Refused(true, 0) : null;
    }

    private static void pause() {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(5, 25));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.problem(Problem.SERVER_BUSY, "login");
        }
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
        Instant now = clock.instant();
        return db.deleteFrom(LOGIN_ATTEMPT)
                .where(LOGIN_ATTEMPT.WINDOW_START.lt(Times.toLocal(now.minus(window)))
                        .and(LOGIN_ATTEMPT.PENDING.eq(0).or(LOGIN_ATTEMPT.PENDING_AT.lt(Times.toLocal(now.minus(PENDING_STALE))))))
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
