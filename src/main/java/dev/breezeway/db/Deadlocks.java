package dev.breezeway.db;

import java.sql.SQLException;
import java.util.function.Supplier;

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
        return again(ATTEMPTS, 1, 6, () -> true, transaction, null);
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
        long[] before = new long[1];
        return again(REQUEST_ATTEMPTS, 5, 26, () -> writes.visibleByThisThread() == before[0], () -> {
            before[0] = writes.visibleByThisThread();
            return work.get();
        }, "Running the request again after a deadlock or certification conflict (attempt {}): {}");
    }

    /**
     * The one retry loop: runs {@code work}, and after a deadlock for which {@code safe} still holds, sleeps a moment
     * that grows (attempt × a random {@code minMs..maxMs}, so the transactions that collided do not collide again in
     * step) and runs it again, {@code attempts} times in all; {@code logLine} (if any) names each new attempt.
     */
    private static <T> T again(int attempts, int minMs, int maxMs, java.util.function.BooleanSupplier safe,
                               Supplier<T> work, String logLine) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isDeadlock(e) || !safe.getAsBoolean()) {
                    throw e;
                }
                if (logLine != null) {
                    log.info(logLine, attempt + 1, e.getMessage());
                }
                try {
                    Thread.sleep((long) attempt * java.util.concurrent.ThreadLocalRandom.current().nextInt(minMs, maxMs));
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
