package dev.breezeway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breezeway.db.Deadlocks;
import dev.breezeway.db.WriteGeneration;
import dev.breezeway.support.TestServer;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request that lost a deadlock or a Galera certification conflict (SQLSTATE 40001) is run again only when it
 * committed nothing, over the server's real database and write counter.
 */
class RequestRetryTest {
    private static TestServer server;
    private static DSLContext db;
    private static WriteGeneration writes;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        db = server.app().database().dsl();
        writes = server.app().database().writes();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static DataAccessException conflict() {
        return new DataAccessException("certification failed",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213));
    }

    private static void touchAccount() {
        db.execute("UPDATE account SET name = name WHERE account_id = (SELECT MIN(account_id) FROM account)");
    }

    @Test
    void aConflictWhoseTransactionRolledBackIsRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        String out = Deadlocks.retryRequest(writes, () -> db.transactionResult(() -> {
            touchAccount();  // written in the transaction, rolled back with it
            if (runs.incrementAndGet() == 1) {
                throw conflict();
            }
            return "ok";
        }));
        assertThat(out).isEqualTo("ok");
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void workThatCommittedSomethingIsNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> Deadlocks.retryRequest(writes, () -> {
            runs.incrementAndGet();
            db.transaction(RequestRetryTest::touchAccount);  // committed: running again would do it twice
            throw conflict();
        })).isInstanceOf(DataAccessException.class);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void anAutonomousWriteCountsAsCommitted() {
        AtomicInteger runs = new AtomicInteger();
        DSLContext autonomous = server.app().database().autonomous();
        assertThatThrownBy(() -> Deadlocks.retryRequest(writes, () -> db.transactionResult(() -> {
            runs.incrementAndGet();
            autonomous.execute("UPDATE account SET name = name WHERE account_id = (SELECT MIN(account_id) FROM account)");
            throw conflict();
        }))).isInstanceOf(DataAccessException.class);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> Deadlocks.retryRequest(writes, () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("not a conflict");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aCommitThatFailedMadeNothingVisible() throws Exception {
        long before = writes.visibleByThisThread();
        assertThatThrownBy(() -> db.transaction(() -> {
            touchAccount();
            long id = ((Number) db.fetchValue("SELECT CONNECTION_ID()")).longValue();
            try (java.sql.Connection other = server.jdbc()) {
                other.createStatement().execute("KILL CONNECTION " + id);  // the COMMIT that follows fails
            }
        })).isInstanceOf(RuntimeException.class);
        assertThat(writes.visibleByThisThread()).isEqualTo(before);
        // The counter of transactions is right again: a later transaction that commits counts once.
        db.transaction(RequestRetryTest::touchAccount);
        assertThat(writes.visibleByThisThread()).isEqualTo(before + 1);
    }
}
