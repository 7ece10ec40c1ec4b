package dev.breezeway.cluster;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static dev.breezeway.support.Waits.millisUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.config.AppConfig;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Breezeway nodes on one database, as behind a load balancer: a session opened on one works on the other, and
 * what ends or changes it on one (logout, suspension, a membership that grants a permission) takes effect on the
 * other within the documented bound — here with a session cache of 30 s, so only the change feed can make it.
 */
class TwoNodesHttpTest {
    private static final String SEEN = "seen on the other node";
    /** The documented bound with the default poll of 250 ms: poll, commit and a margin for a loaded machine. */
    private static final long BOUND_MILLIS = 1_000;
    private static final Map<String, String> SLOW_CACHE = Map.of(AppConfig.SESSION_CACHE_SECONDS, "30");
    private static TestServer one;
    private static TestServer two;
    private static Directory dir;

    @BeforeAll
    static void start() {
        one = TestServer.start(SLOW_CACHE);
        two = one.sibling(SLOW_CACHE);
        dir = new Directory(one);
    }

    @AfterAll
    static void stop() {
        two.close();
        one.close();
    }

    private static BreezeClient on(TestServer node, String token) {
        BreezeClient c = node.client();
        c.useSession(token);
        return c;
    }

    private static boolean signedIn(TestServer node, String token) {
        return xpath(on(node, token).call("common-info"), "count(/results/common/user)").equals("1");
    }


    /**
     * Logs in on {@code node} and waits until the login's own writes behind the request (its last-active time,
     * flushed every second) are done, so that afterwards the nodes write nothing unless the test does.
     */
    private static String login(TestServer node, String login) throws InterruptedException {
        BreezeClient c = node.client();
        c.login(login, Directory.USER_PASSWORD);
        Thread.sleep(1_500);
        return c.session().orElseThrow();
    }

    @Test
    void aSessionOpenedOnOneNodeWorksOnTheOther() throws Exception {
        dir.user("ann@nodes.example", "Ann", "One");
        String token = login(one, "ann@nodes.example");
        assertThat(signedIn(two, token)).isTrue();
        assertThat(signedIn(one, token)).isTrue();
    }

    @Test
    void aLogoutOnOneNodeEndsTheSessionOnTheOtherWithinTheBound() throws Exception {
        dir.user("ben@nodes.example", "Ben", "Two");
        String token = login(one, "ben@nodes.example");
        assertThat(signedIn(two, token)).isTrue();  // now in node two's cache
        assertThat(signedIn(two, token)).isTrue();
        assertThat(status(on(one, token).call("logout"))).isEqualTo("ok");
        assertThat(millisUntil(SEEN, () -> !signedIn(two, token))).isLessThan(BOUND_MILLIS);
    }

    @Test
    void aSuspensionOnOneNodeEndsTheSessionOnTheOther() throws Exception {
        String id = dir.user("cat@nodes.example", "Cat", "Three");
        String token = login(one, "cat@nodes.example");
        assertThat(signedIn(one, token)).isTrue();
        BreezeClient adminOnTwo = two.admin();
        assertThat(status(adminOnTwo.call("principal-suspend", "principal-id", id))).isEqualTo("ok");
        assertThat(millisUntil(SEEN, () -> !signedIn(one, token))).isLessThan(BOUND_MILLIS);
    }

    @Test
    void aPermissionGrantedOnOneNodeCountsOnTheOther() throws Exception {
        String id = dir.user("dan@nodes.example", "Dan", "Four");
        String token = login(one, "dan@nodes.example");
        assertThat(status(on(one, token).call("sso-provider-list"))).isEqualTo("no-access");
        BreezeClient adminOnTwo = two.admin();
        String admins = xpath(adminOnTwo.call("principal-list", "filter-type", "admins"),
                "/results/principal-list/principal/@principal-id");
        assertThat(status(adminOnTwo.call("group-membership-update", "group-id", admins, "principal-id", id,
                "is-member", "true"))).isEqualTo("ok");
        assertThat(millisUntil(SEEN, () -> status(on(one, token).call("sso-provider-list")).equals("ok")))
                .isLessThan(BOUND_MILLIS);
    }

    @Test
    void failedLoginsCountAcrossNodes() {
        dir.user("eve@nodes.example", "Eve", "Five");
        for (int i = 0; i < 5; i++) {
            TestServer node = i % 2 == 0 ? one : two;
            assertThat(status(node.client().call("login", "login", "eve@nodes.example", "password", "wrong-" + i)))
                    .isNotEqualTo("ok");
        }
        // Five failures, three on one node and two on the other: the login is locked on both.
        for (TestServer node : new TestServer[] {one, two}) {
            String xml = node.client().call("login", "login", "eve@nodes.example", "password", Directory.USER_PASSWORD);
            assertThat(status(xml)).as(xml).isNotEqualTo("ok");
        }
    }
}
