package dev.breezeway.xml;

import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import dev.breezeway.support.Xml;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code <actions mode="…">} batch POST in its three modes. */
class BatchHttpTest {
    private static TestServer server;
    private static BreezeClient admin;
    private static String adminToken;
    private static String plainToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        Directory dir = new Directory(server);
        admin = dir.admin();
        adminToken = server.admin().session().orElseThrow();
        plainToken = dir.plainUser("plain.batch@example.com").session().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String batch(String mode, String... actions) {
        return post("session=" + admin.session().orElseThrow(), mode, actions);
    }

    private static String post(String query, String mode, String... actions) {
        StringBuilder sb = new StringBuilder("<actions mode=\"" + mode + "\">");
        for (String a : actions) {
            sb.append(a);
        }
        sb.append("</actions>");
        BreezeClient.Reply r = server.client().post(query, "text/xml", sb.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** {@code action} with {@code <param name="session">token</param>} as its last parameter. */
    private static String as(String token, String action) {
        return action.replace("</action>", "<param name=\"session\">" + token + "</param></action>");
    }

    private static final String COMMON_INFO = "<action name=\"common-info\"></action>";

    private static String result(String xml, int i, String path) {
        return xpath(xml, "/results/results-list/results[" + i + "]" + path);
    }

    private static String createGroup(String name) {
        return "<action name=\"principal-update\"><param name=\"type\">group</param><param name=\"has-children\">1</param>"
                + "<param name=\"name\">" + name + "</param></action>";
    }

    private static final String BAD = "<action name=\"principal-update\"><param name=\"type\">group</param></action>";

    private static boolean exists(String groupName) {
        return count(admin.call("principal-list", "filter-name", groupName), "/results/principal-list/principal") == 1;
    }

    @Test
    void multipleRunsEveryActionAndIgnoresFailures() {
        String xml = batch("multiple", createGroup("M1"), BAD, createGroup("M2"));
        assertThat(count(xml, "/results/results-list/results")).isEqualTo(3);
        assertThat(xpath(xml, "/results/results-list/results[1]/status/@code")).isEqualTo("ok");
        assertThat(xpath(xml, "/results/results-list/results[1]/principal/@type")).isEqualTo("group");
        assertThat(xpath(xml, "/results/results-list/results[2]/status/@code")).isEqualTo("invalid");
        assertThat(xpath(xml, "/results/results-list/results[2]/@action")).isEqualTo("principal-update");
        assertThat(exists("M1")).isTrue();
        assertThat(exists("M2")).isTrue();
    }

    @Test
    void multipleCompleteStopsAtTheFirstFailure() {
        String xml = batch("multiple-complete", createGroup("C1"), BAD, createGroup("C2"));
        assertThat(count(xml, "/results/results-list/results")).isEqualTo(2);
        assertThat(status(xml)).isEqualTo("invalid");
        assertThat(exists("C1")).isTrue();
        assertThat(exists("C2")).isFalse();
    }

    @Test
    void anyOtherModeIsAllOrNothing() {
        String xml = batch("transaction", createGroup("T1"), createGroup("T2"), BAD);
        assertThat(status(xml)).isEqualTo("invalid");
        assertThat(xpath(xml, "/results/results-list/@rolled-back")).isEqualTo("true");
        assertThat(exists("T1")).isFalse();
        assertThat(exists("T2")).isFalse();
    }

    @Test
    void allOrNothingCommitsWhenEveryActionSucceeds() {
        String xml = batch("", createGroup("A1"), createGroup("A2"));
        assertThat(status(xml)).isEqualTo("ok");
        assertThat(xpath(xml, "/results/results-list/@rolled-back")).isEqualTo("false");
        assertThat(exists("A1")).isTrue();
        assertThat(exists("A2")).isTrue();
    }

    @Test
    void eachActionChecksAccessWithTheBatchSession() {
        BreezeClient.Reply r = server.client().post("", "text/xml",
                ("<actions mode=\"multiple\">" + createGroup("Anon") + "</actions>").getBytes(StandardCharsets.UTF_8));
        assertThat(xpath(r.body(), "/results/results-list/results[1]/status/@subcode")).isEqualTo("no-login");
        assertThat(exists("Anon")).isFalse();
    }

    @Test
    void eachActionRunsAsTheSessionOfItsOwnSessionParam() {
        String xml = post("", "multiple", as(adminToken, COMMON_INFO), as(plainToken, COMMON_INFO));

        assertThat(result(xml, 1, "/common/user/login")).as(xml).isEqualTo(TestServer.ADMIN_LOGIN);
        assertThat(result(xml, 2, "/common/user/login")).as(xml).isEqualTo("plain.batch@example.com");
    }

    @Test
    void anActionCarryingAPlainUsersSessionIsDeniedWhileTheAdminsSucceeds() {
        String xml = post("", "multiple", as(adminToken, createGroup("OwnAdmin")),
                as(plainToken, createGroup("OwnPlain")));

        assertThat(result(xml, 1, "/status/@code")).as(xml).isEqualTo("ok");
        assertThat(result(xml, 2, "/status/@code")).isEqualTo("no-access");
        assertThat(result(xml, 2, "/status/@subcode")).isEqualTo("denied");
        assertThat(exists("OwnAdmin")).isTrue();
        assertThat(exists("OwnPlain")).isFalse();
    }

    @Test
    void anActionsOwnSessionWinsOverTheRequestsAndTheOthersKeepTheRequests() {
        String xml = post("session=" + plainToken, "multiple", as(adminToken, createGroup("WinsAdmin")),
                createGroup("WinsRequest"));

        assertThat(result(xml, 1, "/status/@code")).as(xml).isEqualTo("ok");
        assertThat(result(xml, 2, "/status/@subcode")).isEqualTo("denied");
        assertThat(exists("WinsAdmin")).isTrue();
        assertThat(exists("WinsRequest")).isFalse();
    }

    @Test
    void anActionCarryingADeadSessionIsNoLoginEvenWithALiveRequestSession() {
        String xml = batch("multiple", as("breezdeadtokendeadtokendeadtokendead", createGroup("Dead")));

        assertThat(result(xml, 1, "/status/@subcode")).as(xml).isEqualTo("no-login");
        assertThat(exists("Dead")).isFalse();
    }

    @Test
    void oneTransactionMayHoldActionsOfSeveralSessionsEachRunAsItsOwnCaller() {
        String xml = post("", "transaction", as(adminToken, createGroup("TxA")),
                as(admin.session().orElseThrow(), createGroup("TxB")));

        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(exists("TxA")).isTrue();
        assertThat(exists("TxB")).isTrue();
    }

    @Test
    void aRefusalOfOneSessionInOneTransactionRollsBackTheOthers() {
        String xml = post("", "transaction", as(adminToken, createGroup("TxKept")),
                as(plainToken, createGroup("TxRefused")));

        assertThat(result(xml, 2, "/status/@subcode")).as(xml).isEqualTo("denied");
        assertThat(xpath(xml, "/results/results-list/@rolled-back")).isEqualTo("true");
        assertThat(exists("TxKept")).isFalse();
    }

    @Test
    void rolledBackBatchReportsItsEarlierActionsOkWithoutThePrincipalsItUndid() {
        long before = Long.parseLong(new Directory(server).group("Before rollback", "d"));
        String user = "<action name=\"principal-update\"><param name=\"type\">user</param>"
                + "<param name=\"has-children\">0</param><param name=\"login\">undone@example.com</param>"
                + "<param name=\"first-name\">Un</param><param name=\"last-name\">Done</param></action>";

        String xml = batch("transaction", createGroup("Undone"), user, BAD);

        long after = Long.parseLong(new Directory(server).group("After rollback", "d"));
        Xml.assertSimilar("""
                <results><status code="invalid">
                    <invalid field="has-children" type="long" subcode="missing"/>
                    <invalid field="name" type="string" subcode="missing"/></status>
                  <results-list mode="transaction" rolled-back="true">
                    <results action="principal-update"><status code="ok"/></results>
                    <results action="principal-update"><status code="ok"/></results>
                    <results action="principal-update"><status code="invalid">
                      <invalid field="has-children" type="long" subcode="missing"/>
                      <invalid field="name" type="string" subcode="missing"/></status></results>
                  </results-list></results>""", xml);
        // The ids the two creates took (auto-increment values are never handed out again) name nothing.
        assertThat(after - before).isGreaterThan(2);
        for (long id = before + 1; id < after; id++) {
            assertThat(status(admin.call("principal-info", "principal-id", Long.toString(id)))).isEqualTo("no-data");
        }
        assertThat(exists("Undone")).isFalse();
        assertThat(count(admin.call("principal-list", "filter-login", "undone@example.com"),
                "/results/principal-list/principal")).isZero();
    }

    @Test
    void multipleCompleteKeepsThePayloadsOfWhatItWrote() {
        String xml = batch("multiple-complete", createGroup("Kept1"), BAD);

        assertThat(xpath(xml, "/results/results-list/@rolled-back")).isEqualTo("false");
        assertThat(result(xml, 1, "/principal/name")).isEqualTo("Kept1");
    }

    @Test
    void malformedOrEmptyBatchIsInvalid() {
        assertThat(status(batch("multiple"))).isEqualTo("invalid");
        BreezeClient.Reply r = server.client().post("", "text/xml",
                "<actions mode=\"multiple\"><action name=\"x\">".getBytes(StandardCharsets.UTF_8));
        assertThat(status(r.body())).isEqualTo("invalid");
    }
}
