package dev.breezeway.xml;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.config.AppConfig;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lists of one {@code <actions>} batch together answer at most {@code BREEZEWAY_LIST_LIMIT} rows (40
 * here): the list that would go past it answers {@code operation-size-error} with the limit as subcode,
 * as a list longer than the limit does, and in a transactional batch that fails the batch.
 */
class BatchRowBudgetHttpTest {
    private static final int LIMIT = 40;
    /** The users principal-list answers with filter-type=user: the administrator and the ones created. */
    private static final int USERS = 31;
    private static final String USER_LIST = "<action name=\"principal-list\"><param name=\"filter-type\">user</param></action>";
    private static final String TOO_LARGE = "<status code=\"operation-size-error\" subcode=\"" + LIMIT + "\"/>";
    private static TestServer server;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(AppConfig.LIST_LIMIT, Integer.toString(LIMIT)));
        admin = server.admin();
        for (int i = 1; i < USERS; i++) {
            TestPrincipals.user(server, "budget" + i + "@example.com", "First" + i, "Last" + i);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String batch(String mode, String... actions) {
        StringBuilder sb = new StringBuilder("<actions mode=\"" + mode + "\">");
        for (String a : actions) {
            sb.append(a);
        }
        sb.append("</actions>");
        BreezeClient.Reply r = server.client().post("session=" + admin.session().orElseThrow(), "text/xml",
                sb.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private static String page(int rows) {
        return "<action name=\"principal-list\"><param name=\"filter-type\">user</param>"
                + "<param name=\"filter-rows\">" + rows + "</param></action>";
    }

    @Test
    void aSingleListOfThirtyOneRowsIsAnswered() {
        String xml = admin.call("principal-list", "filter-type", "user");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(count(xml, "/results/principal-list/principal")).as(xml).isEqualTo(USERS);
    }

    @Test
    void theFirstListSpendsTheBudgetAndTheLaterOnesAreTooLarge() {
        String xml = batch("multiple", USER_LIST, USER_LIST, USER_LIST);
        assertThat(count(xml, "/results/results-list/results")).as(xml).isEqualTo(3);
        assertThat(xpath(xml, "/results/results-list/results[1]/status/@code")).as(xml).isEqualTo("ok");
        assertThat(count(xml, "/results/results-list/results[1]/principal-list/principal")).as(xml).isEqualTo(USERS);
        assertSimilar("<results action=\"principal-list\">" + TOO_LARGE + "</results>",
                xpathElement(xml, 2));
        assertSimilar("<results action=\"principal-list\">" + TOO_LARGE + "</results>",
                xpathElement(xml, 3));
        // The batch's status is its first failure's.
        assertThat(xpath(xml, "/results/status/@code")).as(xml).isEqualTo("operation-size-error");
        assertThat(xpath(xml, "/results/status/@subcode")).as(xml).isEqualTo(Integer.toString(LIMIT));
    }

    @Test
    void pagesThatFitTheBudgetTogetherAreAnsweredAndActionsWithoutListsStillRun() {
        String xml = batch("multiple", page(20), page(20), page(1),
                "<action name=\"common-info\"></action>");
        assertThat(count(xml, "/results/results-list/results[1]/principal-list/principal")).as(xml).isEqualTo(20);
        assertThat(count(xml, "/results/results-list/results[2]/principal-list/principal")).as(xml).isEqualTo(20);
        assertSimilar("<results action=\"principal-list\">" + TOO_LARGE + "</results>", xpathElement(xml, 3));
        assertThat(xpath(xml, "/results/results-list/results[4]/status/@code")).as(xml).isEqualTo("ok");
    }

    @Test
    void aTransactionalBatchPastTheBudgetFailsAndRollsBack() {
        String group = "<action name=\"principal-update\"><param name=\"type\">group</param>"
                + "<param name=\"name\">Budget group</param><param name=\"has-children\">1</param></action>";
        String xml = batch("transaction", group, USER_LIST, USER_LIST);
        assertThat(xpath(xml, "/results/results-list/@rolled-back")).as(xml).isEqualTo("true");
        assertThat(xpath(xml, "/results/status/@code")).as(xml).isEqualTo("operation-size-error");
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE name = 'Budget group'"))
                .isZero();
    }

    @Test
    void everyRequestHasItsOwnBudget() {
        for (int i = 0; i < 3; i++) {
            String xml = batch("multiple", USER_LIST);
            assertThat(count(xml, "/results/results-list/results[1]/principal-list/principal")).as(xml).isEqualTo(USERS);
        }
    }

    private static String xpathElement(String xml, int i) {
        return dev.breezeway.support.Xml.element(xml, "/results/results-list/results[" + i + "]");
    }
}
