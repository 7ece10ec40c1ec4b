package dev.breezeway.db;

import java.util.concurrent.atomic.AtomicLong;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;

/**
 * A counter that advances after every write this process makes through jOOQ: when a writing statement
 * ends (an autocommit write is then visible) and when a transaction commits or rolls back. A reader that
 * notes {@link #current()} <em>before</em> a read can later tell whether anything was written since;
 * the session cache drops what it read then. Writes from other processes (another node, an operator's
 * SQL) do not advance it.
 */
public final class WriteGeneration {
    private final AtomicLong value = new AtomicLong();

    /** The generation now; compare it with one noted before a read. */
    public long current() {
        return value.get();
    }

    private void advance() {
        value.incrementAndGet();
    }

    ExecuteListener executeListener() {
        return new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext ctx) {
                if (ctx.type() != ExecuteType.READ) {
                    advance();
                }
            }

            @Override
            public void exception(ExecuteContext ctx) {
                advance();
            }
        };
    }

    TransactionListener transactionListener() {
        return new TransactionListener() {
            @Override
            public void commitEnd(TransactionContext ctx) {
                advance();
            }

            @Override
            public void rollbackEnd(TransactionContext ctx) {
                advance();
            }
        };
    }
}
