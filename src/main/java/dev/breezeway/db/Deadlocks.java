package dev.breezeway.db;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * Runs a short transaction of its own again when InnoDB chose it as a deadlock's victim (error 1213,
 * SQLSTATE 40001): the victim was rolled back whole, so running it again is safe. Only for transactions
 * that are the whole unit of work (an autonomous context's), never for a statement inside a request's
 * transaction, whose earlier statements the deadlock rolled back too.
 */
public final class Deadlocks {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Deadlocks.class);
    /** Attempts in all; an eighth deadlock in a row is reported as the failure it is. */
    static final int ATTEMPTS = 8;

    private Deadlocks() {
    }

    public static <T> T retry(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                // A moment that grows, so the transactions that collided do not collide again in step.
                try {
                    Thread.sleep((long) attempt * java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 6));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Attempts in all for a request's work (see {@link #retryRequest}). */
    static final int REQUEST_ATTEMPTS = 5;

    /**
     * Runs a request's work (an action, a route) again when it failed on a deadlock or a Galera certification
     * conflict (another member committed a conflicting write first: SQLSTATE 40001 at commit) and the failed attempt
     * committed nothing on this thread ({@link WriteGeneration#visibleByThisThread}): then it left no trace and
     * running it again is what the client would do, only sooner. An attempt that committed anything (an autonomous
     * write such as a failed-login count, an earlier transaction of the same work) is reported as it failed.
     */
    public static <T> T retryRequest(WriteGeneration writes, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            long before = writes.visibleByThisThread();
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= REQUEST_ATTEMPTS || !isDeadlock(e) || writes.visibleByThisThread() != before) {
                    throw e;
                }
                log.info("Running the request again after a deadlock or certification conflict (attempt {}): {}",
                        attempt + 1, e.getMessage());
                try {
                    Thread.sleep((long) attempt * java.util.concurrent.ThreadLocalRandom.current().nextInt(5, 26));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static void retry(Runnable transaction) {
        retry(() -> {
            transaction.run();
            return null;
        });
    }

    static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 1213 || "40001".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
