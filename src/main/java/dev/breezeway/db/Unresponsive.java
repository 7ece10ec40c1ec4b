package dev.breezeway.db;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import org.jooq.ConnectionProvider;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.exception.DataAccessException;

/**
 * Keeps one request from waiting for an unresponsive database more than once. A thread that has just
 * waited in vain, for a pool connection (the pool's connection timeout) or for the answer to a
 * statement (the driver's socket timeout), fails its next connection requests at once for
 * {@link #WINDOW_MS} ms instead of waiting again: jOOQ's rollback after a failed begin, or a request's
 * further statements, would otherwise each add a full wait. Other threads, and this one after the
 * window, try the database again, so recovery is not delayed.
 */
final class Unresponsive {
    /** How long after a vain wait the same thread does not wait again. */
    static final long WINDOW_MS = 1_000;

    private final ThreadLocal<Long> waitedInVainAt = new ThreadLocal<>();

    /** {@code delegate}, failing fast on a thread that has just waited in vain. */
    ConnectionProvider connections(ConnectionProvider delegate) {
        return new ConnectionProvider() {
            @Override
            public Connection acquire() {
                Long at = waitedInVainAt.get();
                if (at != null && System.nanoTime() - at < WINDOW_MS * 1_000_000) {
                    throw new DataAccessException("The database did not answer this thread a moment ago",
                            new SQLTransientConnectionException("database unresponsive", "08001"));
                }
                try {
                    Connection c = delegate.acquire();
                    waitedInVainAt.remove();
                    return c;
                } catch (DataAccessException e) {
                    waitedInVainAt.set(System.nanoTime());
                    throw e;
                }
            }

            @Override
            public void release(Connection connection) {
                delegate.release(connection);
            }
        };
    }

    /** Marks the thread when a statement failed because the server did not answer in time. */
    ExecuteListener executeListener() {
        return new ExecuteListener() {
            @Override
            public void exception(ExecuteContext ctx) {
                for (Throwable t = ctx.exception(); t != null; t = t.getCause()) {
                    if (t instanceof SocketTimeoutException) {
                        waitedInVainAt.set(System.nanoTime());
                        return;
                    }
                    if (t.getCause() == t) {
                        return;
                    }
                }
            }
        };
    }
}
