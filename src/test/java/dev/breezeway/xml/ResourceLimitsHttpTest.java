package dev.breezeway.xml;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.config.AppConfig;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What one request may cost: repeated filter values, statement time. */
class ResourceLimitsHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(AppConfig.DB_STATEMENT_SECONDS, "1"));
        dir = new Directory(server);
        admin = dir.admin();
        dir.user("limits-one@example.com", "Lim", "One");
        dir.user("limits-two@example.com", "Lim", "Two");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String[] repeated(String name, int times, String... more) {
        List<String> kv = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            kv.add(name);
            kv.add("nobody-" + i + "@example.com");
        }
        kv.addAll(List.of(more));
        return kv.toArray(String[]::new);
    }

    @Test
    void aFilterRepeatedMoreThanAHundredTimesIsInvalidRange() {
        String xml = admin.call("principal-list", repeated("filter-login", 101));
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="filter-login" type="string" subcode="range" min="1" max="100"/>
                </status></results>""", xml);
    }

    @Test
    void aHundredRepeatedLoginsAreOneListThatFindsEachOfThem() {
        String xml = admin.call("principal-list", repeated("filter-login", 98, "filter-login", "limits-one@example.com",
                "filter-login", "limits-two@example.com"));
        assertThat(count(xml, "/results/principal-list/principal")).as(xml).isEqualTo(2);
    }

    @Test
    void aStatementOverTheTimeLimitIsStoppedInsteadOfRunningOn() {
        long started = System.nanoTime();
        try {
            // About a minute of CPU without a limit; MariaDB stops it at max_statement_time (an error, or
            // for BENCHMARK an interrupted result).
            server.app().database().dsl().fetch("select benchmark(2000000000, md5('a'))");
        } catch (DataAccessException expected) {
            assertThat(expected).hasMessageContaining("max_statement_time");
        }
        assertThat((System.nanoTime() - started) / 1_000_000_000.0).isLessThan(8.0);
    }

    @Test
    void aCallerWithoutUsersListGetsPagesOfAtMostAThousandRows() {
        BreezeClient plain = dir.plainUser("limits-plain@example.com");
        assertSimilar("<results><status code=\"operation-size-error\" subcode=\"1000\"/></results>",
                plain.call("principal-list", "filter-rows", "1001"));
        assertThat(count(plain.call("principal-list", "filter-rows", "1000"), "/results/status[@code='ok']")).isEqualTo(1);
    }

    @Test
    void aCallerWithUsersListMayAskForPagesUpToTheListLimit() {
        assertThat(count(admin.call("principal-list", "filter-rows", "1001"), "/results/status[@code='ok']")).isEqualTo(1);
    }

    @Test
    void aBatchOfMoreThanAThousandActionsIsInvalidRangeAndRunsNothing() {
        StringBuilder body = new StringBuilder("<actions mode=\"multiple\">");
        for (int i = 0; i < 1001; i++) {
            body.append("<action name=\"principal-list\"><param name=\"filter-rows\">1</param></action>");
        }
        body.append("</actions>");
        String xml = admin.post("session=" + admin.session().orElseThrow(), "text/xml",
                body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).body();
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="actions" type="long" subcode="range" min="1" max="1000"/>
                </status></results>""", xml);
    }
}
