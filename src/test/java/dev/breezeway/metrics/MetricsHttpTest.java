package dev.breezeway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} after a few calls on both faces: Prometheus text with the XML action and JSON
 * route timers, login outcomes, lockouts, the password-hash work, JVM, Jetty and HikariCP series; and
 * garbage action names or ids in paths make no series of their own.
 */
class MetricsHttpTest {
    private static TestServer server;
    private static BreezeClient.Reply scrape;

    @BeforeAll
    static void start() {
        // Two failures lock a login: the third attempt is refused and starts a lockout.
        server = TestServer.start(Map.of("BREEZEWAY_LOGIN_MAX_FAILURES", "2"));
        BreezeClient admin = server.admin();
        admin.call("principal-list");
        admin.call("principal-list");
        server.client().call("no-such-action-" + System.nanoTime());
        server.client().call("another-garbage-action");
        server.client().call("principal-list");  // no-access
        for (int i = 0; i < 3; i++) {
            server.client().call("login", "login", "nobody@example.com", "password", "wrong-" + i);
        }
        JsonClient json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        json.get("/resources/me");
        json.get("/resources/iam/principals/123456789");
        json.get("/resources/iam/principals/987654321");
        json.get("/resources/no/such/path");
        scrape = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void isPrometheusText() {
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("content-type")).containsExactly("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scrape.body()).contains("# TYPE breezeway_xml_actions_seconds histogram");
    }

    @Test
    void countsXmlActionsByNameAndStatus() {
        assertThat(value("breezeway_xml_actions_seconds_count", "action=\"login\",status=\"ok\"")).isEqualTo(1);
        assertThat(value("breezeway_xml_actions_seconds_count", "action=\"login\",status=\"no-data\"")).isEqualTo(2);
        assertThat(value("breezeway_xml_actions_seconds_count", "action=\"login\",status=\"invalid\"")).isEqualTo(1);
        assertThat(value("breezeway_xml_actions_seconds_count", "action=\"principal-list\",status=\"ok\"")).isEqualTo(2);
        assertThat(value("breezeway_xml_actions_seconds_count", "action=\"principal-list\",status=\"no-access\""))
                .isEqualTo(1);
        assertThat(scrape.body()).contains("breezeway_xml_actions_seconds_bucket{action=\"principal-list\",status=\"ok\",le=");
    }

    @Test
    void garbageActionNamesShareOneSeries() {
        assertThat(value("breezeway_xml_actions_seconds_count", "action=\"unknown\",status=\"invalid\"")).isEqualTo(2);
        assertThat(scrape.body()).doesNotContain("garbage").doesNotContain("no-such-action");
    }

    @Test
    void countsJsonRoutesByTemplateNotPath() {
        assertThat(value("breezeway_http_routes_seconds_count",
                "method=\"POST\",route=\"/resources/auth/login\",status=\"200\"")).isEqualTo(1);
        assertThat(value("breezeway_http_routes_seconds_count", "method=\"GET\",route=\"/resources/me\",status=\"200\""))
                .isEqualTo(1);
        assertThat(value("breezeway_http_routes_seconds_count",
                "method=\"GET\",route=\"/resources/iam/principals/{id}\",status=\"404\"")).isEqualTo(2);
        assertThat(value("breezeway_http_routes_seconds_count", "method=\"GET\",route=\"unmatched\",status=\"404\""))
                .isEqualTo(1);
        assertThat(scrape.body()).doesNotContain("123456789").doesNotContain("/no/such/path");
    }

    @Test
    void countsLoginOutcomesAndLockouts() {
        // The XML admin login, the JSON login; two wrong passwords; the third attempt locked.
        assertThat(value("breezeway_logins_total", "outcome=\"ok\"")).isEqualTo(2);
        assertThat(value("breezeway_logins_total", "outcome=\"failed\"")).isEqualTo(2);
        assertThat(value("breezeway_logins_total", "outcome=\"locked\"")).isEqualTo(1);
        assertThat(value("breezeway_logins_total", "outcome=\"busy\"")).isEqualTo(0);
        assertThat(value("breezeway_login_lockouts_total", "")).isEqualTo(1);
    }

    @Test
    void showsTheRuntimeThePoolJettyAndTheHashWork() {
        assertThat(scrape.body())
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds")
                .contains("hikaricp_connections_active{")
                .contains("jetty_threads_busy")
                .contains("breezeway_password_hash_places{kind=\"login\"}")
                .contains("breezeway_password_hash_queued{kind=\"account\"}")
                .contains("breezeway_password_hash_capacity");
    }

    @Test
    void aMetricsPortOfItsOwnServesOnlyMetrics() {
        try (TestServer own = TestServer.start(Map.of("BREEZEWAY_METRICS_PORT", "0"))) {
            String main = own.baseUrl();
            String metrics = "http://127.0.0.1:" + own.metricsPort();
            assertThat(own.metricsPort()).isNotEqualTo(own.port());
            assertThat(get(own, main + "/metrics").status()).isEqualTo(404);
            assertThat(get(own, main + "/healthz").status()).isEqualTo(200);
            BreezeClient.Reply scraped = get(own, metrics + "/metrics");
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.body()).contains("jvm_memory_used_bytes{");
            assertThat(get(own, metrics + "/healthz").status()).isEqualTo(404);
            // Jetty's error page for /api/xml is a Breeze envelope (JettyErrorHandler), not the action's answer.
            assertThat(get(own, metrics + "/api/xml?action=common-info").body()).doesNotContain("code=\"ok\"");
        }
    }

    private static BreezeClient.Reply get(TestServer s, String url) {
        return s.client().send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** The value of the sample {@code name{labels}} (labels as Prometheus orders them), or fails. */
    private static double value(String name, String labels) {
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape.body());
        assertThat(m.find()).as("no sample %s in:\n%s", series, scrape.body()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
