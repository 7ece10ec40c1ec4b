package dev.breezeway.db;

import static dev.breezeway.db.gen.Tables.AUDIT_EVENT;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node learns that another node changed something, so that what it keeps in memory (resolved sessions, the
 * permissions memoized on them, list totals) is read again. Every change that matters to them is in the audit trail
 * in its own transaction: logouts and session revocations, suspensions, deletions, password, role, membership,
 * grant and policy changes, logins. Every {@code BREEZEWAY_CLUSTER_POLL_MILLIS} the feed reads a digest of the
 * events of the last {@link #WINDOW} (their count and the sum of their ids, from the index on their time); when it
 * differs from the last one, it advances the node's {@link WriteGeneration}, which drops all of it at once.
 *
 * <p>The digest, not the highest id: ids are not committed in their order (two transactions, or two Galera members
 * handing out interleaved ids), so a later commit may carry a lower id; it still changes the count. A transaction
 * that commits more than the window after its event was written is seen only through the cache's own TTL
 * ({@code BREEZEWAY_SESSION_CACHE_SECONDS}), which stays the bound for anything the audit trail does not record (an
 * operator's SQL). An event leaving the window also changes the digest: one needless re-read, no harm.
 */
public final class ChangeFeed implements AutoCloseable {
    /** How far back the digest looks. */
    static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private final DSLContext db;
    private final WriteGeneration writes;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile Record2<Integer, java.math.BigDecimal> last;

    private ChangeFeed(DSLContext db, WriteGeneration writes, Clock clock, Duration every) {
        this.db = db;
        this.writes = writes;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "breezeway-change-feed");
            t.setDaemon(true);
            return t;
        });
        if (!every.isZero()) {
            timer.scheduleWithFixedDelay(this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Starts polling every {@code every}; zero never polls (one node alone on its database). */
    public static ChangeFeed start(DSLContext db, WriteGeneration writes, Clock clock, Duration every) {
        return new ChangeFeed(db, writes, clock, every);
    }

    /** Reads the digest once and advances the generation if it changed; returns whether it did. */
    boolean poll() {
        try {
            Record2<Integer, java.math.BigDecimal> now = db.select(DSL.count(), DSL.sum(AUDIT_EVENT.EVENT_ID))
                    .from(AUDIT_EVENT)
                    .where(AUDIT_EVENT.OCCURRED_AT.gt(Times.toLocal(clock.instant().minus(WINDOW))))
                    .fetchOne();
            Record2<Integer, java.math.BigDecimal> before = last;
            last = now;
            if (before != null && !(Objects.equals(before.value1(), now.value1())
                    && Objects.equals(before.value2(), now.value2()))) {
                writes.advanceForOthers();
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            // The database is away (a failover): drop everything, it will be read again when it is back.
            writes.advanceForOthers();
            log.debug("Change feed poll failed: {}", e.toString());
            return true;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
