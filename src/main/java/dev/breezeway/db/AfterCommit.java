package dev.breezeway.db;

import java.util.ArrayList;
import java.util.List;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;

/**
 * Work to run once the calling thread's outermost transaction has committed, e.g. counting a queued mail and
 * waking the mail worker: what a rolled-back transaction (or savepoint) registered is dropped. Outside a
 * transaction the write has already committed, so the work runs at once.
 */
public final class AfterCommit {
    private final ThreadLocal<Tx> tx = ThreadLocal.withInitial(Tx::new);

    private record Hook(int depth, Runnable work) {
    }

    private static final class Tx {
        int depth;
        List<Hook> hooks = new ArrayList<>();
    }

    /** Runs {@code work} after the outermost commit of this thread's transaction, or now if it is in none. */
    public void run(Runnable work) {
        Tx t = tx.get();
        if (t.depth == 0) {
            work.run();
        } else {
            t.hooks.add(new Hook(t.depth, work));
        }
    }

    TransactionListener listener() {
        return new TransactionListener() {
            @Override
            public void beginEnd(TransactionContext ctx) {
                tx.get().depth++;
            }

            @Override
            public void commitEnd(TransactionContext ctx) {
                Tx t = tx.get();
                t.depth = Math.max(0, t.depth - 1);
                if (t.depth == 0 && !t.hooks.isEmpty()) {
                    List<Hook> due = t.hooks;
                    t.hooks = new ArrayList<>();
                    for (Hook h : due) {
                        try {
                            h.work().run();
                        } catch (RuntimeException e) {
                            org.slf4j.LoggerFactory.getLogger(AfterCommit.class).warn("After-commit work failed: {}",
                                    e.toString());
                        }
                    }
                } else if (t.depth > 0) {
                    // A savepoint committed into its parent: its hooks now belong to the parent.
                    int d = t.depth;
                    t.hooks.replaceAll(h -> h.depth() > d ? new Hook(d, h.work()) : h);
                }
            }

            @Override
            public void rollbackEnd(TransactionContext ctx) {
                Tx t = tx.get();
                int d = t.depth;
                t.hooks.removeIf(h -> h.depth() >= d);
                t.depth = Math.max(0, d - 1);
            }
        };
    }
}
