package dev.breezeway.xml;

import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code <actions mode="…">} batch POST in its three modes. */
class BatchHttpTest {
    private static TestServer server;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = new Directory(server).admin();
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
    void malformedOrEmptyBatchIsInvalid() {
        assertThat(status(batch("multiple"))).isEqualTo("invalid");
        BreezeClient.Reply r = server.client().post("", "text/xml",
                "<actions mode=\"multiple\"><action name=\"x\">".getBytes(StandardCharsets.UTF_8));
        assertThat(status(r.body())).isEqualTo("invalid");
    }
}
