package dev.breezeway.db;

import java.util.concurrent.atomic.AtomicLong;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;

/**
 * A counter that advances after every write this process makes through jOOQ that changed a row: when a writing
 * statement ends (an autocommit write is then visible) and when the outermost transaction that wrote ends, by
 * commit or rollback. Transactions that only read (a deep list page reads in one) leave it. A reader that
 * notes {@link #current()} <em>before</em> a read can later tell whether anything was written since;
 * the session cache drops what it read then. Writes from other nodes advance it through {@link ChangeFeed}
 * (within its poll interval); an operator's SQL does not.
 */
public final class WriteGeneration {
    private final AtomicLong value = new AtomicLong();
    /** Per thread: how deep in transactions it is, and whether it wrote in them. */
    private final ThreadLocal<Tx> tx = ThreadLocal.withInitial(Tx::new);

    private static final class Tx {
        int depth;
        boolean wrote;
        /** Writes this thread made visible: autocommit writes and outermost transactions that wrote and ended. */
        long visible;
        /** The transaction whose commitEnd came last, until another event: a rollbackStart for it means its commit failed. */
        TransactionContext lastCommit;
        boolean lastCommitWrote;
        boolean lastCommitCounted;
    }

    /**
     * How many writes this thread has made visible so far; equal before and after a piece of work means it
     * committed nothing (what it wrote in transactions was rolled back with them).
     */
    public long visibleByThisThread() {
        return tx.get().visible;
    }

    /** Whether this thread is inside a transaction now: what it reads may be its own uncommitted writes. */
    public boolean inTransactionOnThisThread() {
        return tx.get().depth > 0;
    }

    /** The generation now; compare it with one noted before a read. */
    public long current() {
        return value.get();
    }

    private void advance() {
        value.incrementAndGet();
    }

    /**
     * Advances for writes made elsewhere (another node on the same database), as {@link ChangeFeed} sees them:
     * everything derived from the database before now is read again.
     */
    public void advanceForOthers() {
        advance();
    }

    ExecuteListener executeListener() {
        return new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext ctx) {
                // A write that changed no row (the mail worker's claim of an empty outbox, every second) changes
                // nothing anyone read; unknown counts (-1, batches) count as a change.
                if (ctx.type() != ExecuteType.READ && ctx.rows() != 0) {
                    Tx t = tx.get();
                    t.wrote = t.depth > 0;
                    if (t.depth == 0) {
                        t.visible++;
                    }
                    advance();
                }
            }

            @Override
            public void exception(ExecuteContext ctx) {
                Tx t = tx.get();
                t.wrote = t.depth > 0;
                if (t.depth == 0) {
                    t.visible++;  // an autocommit write that failed may have committed (a lost connection)
                }
                advance();
            }
        };
    }

    /**
     * For the autonomous context, whose statements commit on their own connection whatever transaction the thread
     * is in: each write is visible at once.
     */
    ExecuteListener autonomousListener() {
        return new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext ctx) {
                if (ctx.type() != ExecuteType.READ && ctx.rows() != 0) {
                    tx.get().visible++;
                    advance();
                }
            }

            @Override
            public void exception(ExecuteContext ctx) {
                tx.get().visible++;
                advance();
            }
        };
    }

    TransactionListener transactionListener() {
        return new TransactionListener() {
            @Override
            public void beginEnd(TransactionContext ctx) {
                Tx t = tx.get();
                t.depth++;
                t.lastCommit = null;
            }

            @Override
            public void commitEnd(TransactionContext ctx) {
                // jOOQ calls this also when the commit itself failed (a deadlock or a certification conflict at
                // COMMIT), and then rolls back: rollbackStart undoes what is counted here.
                Tx t = tx.get();
                t.lastCommit = ctx;
                t.lastCommitWrote = t.wrote;
                t.lastCommitCounted = t.depth == 1 && t.wrote;
                if (t.lastCommitCounted) {
                    t.visible++;
                }
                ended();
            }

            @Override
            public void rollbackStart(TransactionContext ctx) {
                Tx t = tx.get();
                if (t.lastCommit == ctx) {  // the commit failed: it made nothing visible and did not end
                    if (t.lastCommitCounted) {
                        t.visible--;
                    }
                    t.depth++;
                    t.wrote = t.lastCommitWrote;
                }
                t.lastCommit = null;
            }

            @Override
            public void rollbackEnd(TransactionContext ctx) {
                tx.get().lastCommit = null;
                ended();
            }
        };
    }

    /** At the end of the outermost transaction, its writes became visible (or were undone): advance once. */
    private void ended() {
        Tx t = tx.get();
        t.depth = Math.max(0, t.depth - 1);
        if (t.depth == 0 && t.wrote) {
            t.wrote = false;
            advance();
        }
    }
}
