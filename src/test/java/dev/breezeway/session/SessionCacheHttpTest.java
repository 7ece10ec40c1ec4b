package dev.breezeway.session;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions are reused from memory for BREEZEWAY_SESSION_CACHE_SECONDS, yet every change made through
 * the server (logout, losing administration, deletion, a password change) takes effect on the very
 * next request, and a change made behind the server's back within the TTL.
 */
class SessionCacheHttpTest {
    private static TestServer server;
    private static Directory dir;

    @BeforeAll
    static void start() {
        // No change feed: this node is alone, and its polls would count among the selects measured here.
        // The detail cache off: these tests count what principal-info itself asks the database.
        server = TestServer.start(Map.of("BREEZEWAY_SESSION_CACHE_SECONDS", "60", "BREEZEWAY_CLUSTER_POLL_MILLIS", "0",
                "BREEZEWAY_DETAIL_CACHE_ENTRIES", "0"));
        dir = new Directory(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String info(BreezeClient c, String id) {
        return status(c.call("principal-info", "principal-id", id));
    }

    @Test
    void aLogoutEndsTheCachedSessionAtOnce() {
        String id = dir.user("cache-logout@example.com", "Cache", "Logout");
        BreezeClient c = server.client();
        c.login("cache-logout@example.com", Directory.USER_PASSWORD);
        String token = c.session().orElseThrow();
        assertThat(info(c, id)).isEqualTo("ok");
        assertThat(info(c, id)).isEqualTo("ok");
        assertThat(status(c.call("logout"))).isEqualTo("ok");
        c.useSession(token);
        assertThat(c.call("principal-info", "principal-id", id)).contains("no-login");
    }

    @Test
    void losingAdministrationTakesEffectOnTheNextRequest() {
        String id = dir.user("cache-demoted@example.com", "Cache", "Demoted");
        String admins = dir.builtIn("admins");
        dir.addMember(admins, id);
        BreezeClient c = server.client();
        c.login("cache-demoted@example.com", Directory.USER_PASSWORD);
        String other = dir.user("cache-other@example.com", "Cache", "Other");
        assertThat(info(c, other)).isEqualTo("ok");
        assertThat(info(c, other)).isEqualTo("ok");
        assertThat(status(dir.admin().call("group-membership-update", "group-id", admins, "principal-id", id,
                "is-member", "false"))).isEqualTo("ok");
        String denied = c.call("principal-info", "principal-id", other);
        assertThat(status(denied)).isEqualTo("no-access");
        assertThat(xpath(denied, "/results/status/@subcode")).isEqualTo("denied");
        assertThat(info(c, id)).isEqualTo("ok");
    }

    @Test
    void aDeletedUsersCachedSessionIsRefusedAtOnce() {
        String id = dir.user("cache-deleted@example.com", "Cache", "Deleted");
        BreezeClient c = server.client();
        c.login("cache-deleted@example.com", Directory.USER_PASSWORD);
        assertThat(info(c, id)).isEqualTo("ok");
        assertThat(status(dir.admin().call("principals-delete", "principal-id", id))).isEqualTo("ok");
        assertThat(c.call("principal-info", "principal-id", id)).contains("no-login");
    }

    @Test
    void aRevocationBehindTheServersBackIsSeenOnceTheTtlHasPassed() throws Exception {
        assertThat(afterRevokingBehindTheServersBack("1", "cache-raw@example.com", 1_100)).contains("no-login");
    }

    @Test
    void withTheCacheOffARevocationBehindTheServersBackIsSeenAtOnce() throws Exception {
        assertThat(afterRevokingBehindTheServersBack("0", "cache-off@example.com", 0)).contains("no-login");
    }

    /**
     * On a server of its own with the given cache TTL: logs a new user in, uses the session, revokes it
     * with SQL the server does not see, waits, and answers the next principal-info.
     */
    private static String afterRevokingBehindTheServersBack(String cacheSeconds, String login, long waitMillis)
            throws Exception {
        try (TestServer own = TestServer.start(Map.of("BREEZEWAY_SESSION_CACHE_SECONDS", cacheSeconds))) {
            String id = new Directory(own).user(login, "Cache", "Raw");
            BreezeClient c = own.client();
            c.login(login, Directory.USER_PASSWORD);
            assertThat(info(c, id)).isEqualTo("ok");
            try (Connection db = own.jdbc(); Statement st = db.createStatement()) {
                st.executeUpdate("UPDATE auth_session SET revoked_at = UTC_TIMESTAMP() WHERE principal_id = " + id);
            }
            Thread.sleep(waitMillis);
            return c.call("principal-info", "principal-id", id);
        }
    }

    @Test
    void onlyTransactionsThatWriteInvalidateCachedSessions() {
        dev.breezeway.db.WriteGeneration writes = server.app().database().writes();
        org.jooq.DSLContext db = server.app().database().dsl();
        long before = writes.current();
        db.transaction(() -> db.transaction(() -> db.selectOne().fetch()));
        assertThat(writes.current()).as("a transaction that only reads").isEqualTo(before);
        db.transaction(() -> db.transaction(() -> db.execute("UPDATE account SET account_id = account_id WHERE 1 = 0")));
        assertThat(writes.current()).as("a write that changed no row (the mail worker's empty claim)").isEqualTo(before);
        db.transaction(() -> db.transaction(() -> db.execute(
                "UPDATE account SET account_id = account_id WHERE account_id = (SELECT MIN(account_id) FROM account)")));
        long afterWrite = writes.current();
        assertThat(afterWrite).as("a transaction that wrote").isGreaterThan(before);
        db.transaction(() -> db.selectOne().fetch());
        assertThat(writes.current()).as("the next read-only transaction").isEqualTo(afterWrite);
    }

    @Test
    void aKnownSessionCostsPrincipalInfoOneQuery() throws Exception {
        String id = dir.user("cache-queries@example.com", "Cache", "Queries");
        BreezeClient admin = server.admin();
        assertThat(info(admin, id)).isEqualTo("ok");
        int calls = 40;
        long before = selects();
        callInfo(admin, id, calls);
        long total = selects() - before;
        // One select per call; the slack is for what a new JDBC connection of this test may read itself.
        assertThat(total).isBetween((long) calls, calls + 6L);
    }

    @Test
    void principalInfoRunsAsAServerSidePreparedStatement() throws Exception {
        // rewriteBatchedStatements=true once turned the driver's server-side prepared statements off
        // unseen, and every query was parsed again: a quarter of principal-info's throughput.
        String id = dir.user("cache-prepared@example.com", "Cache", "Prepared");
        BreezeClient admin = server.admin();
        assertThat(info(admin, id)).isEqualTo("ok");
        int calls = 40;
        long executedBefore = globalStatus("Com_stmt_execute");
        long preparedBefore = globalStatus("Com_stmt_prepare");
        callInfo(admin, id, calls);
        assertThat(globalStatus("Com_stmt_execute") - executedBefore).as("statements executed").isGreaterThanOrEqualTo(calls);
        // Prepared once per pooled connection at most, then reused from the driver's cache.
        assertThat(globalStatus("Com_stmt_prepare") - preparedBefore).as("statements prepared")
                .isLessThanOrEqualTo(server.app().config().dbPoolSize());
    }

    /** Calls principal-info of {@code id} {@code times} times, each answering ok. */
    private static void callInfo(BreezeClient client, String id, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            assertThat(info(client, id)).isEqualTo("ok");
        }
    }

    private static long selects() throws Exception {
        return globalStatus("Com_select");
    }

    private static long globalStatus(String name) {
        return server.globalStatus(name);
    }
}
