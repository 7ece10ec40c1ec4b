package dev.breezeway.session;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CSRF and sessions (issue 17): cross-site cookie requests are refused on every face, the cookie carries
 * SameSite (and Secure behind TLS), login never authenticates a planted cookie, sessions have an absolute
 * lifetime, and an anonymous common-info writes nothing.
 */
class CsrfAndSessionsHttpTest {
    private static final String DENIED = """
            <results><status code="no-access" subcode="denied"/></results>""";
    private static final String NO_LOGIN = """
            <results><status code="no-access" subcode="no-login"/></results>""";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_SESSION_IDLE_MINUTES", "30", "BREEZEWAY_SESSION_MAX_HOURS", "12"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String adminToken() {
        return server.admin().session().orElseThrow();
    }

    private static HttpRequest.Builder xmlGet(String query) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/xml?" + query)).GET();
    }

    private static String createUserQuery(String login) {
        return "action=principal-update&type=user&has-children=0&first-name=C&last-name=S&password=Csrf-Pass-4711&login="
                + BreezeClient.enc(login);
    }

    private static int count(String sql, String arg) throws Exception {
        try (Connection db = server.jdbc(); PreparedStatement ps = db.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int principalsWithLogin(String login) throws Exception {
        return count("SELECT COUNT(*) FROM principal WHERE login = ?", login);
    }

    private static int sessionRows() throws Exception {
        return count("SELECT COUNT(*) FROM auth_session", null);
    }

    @Test
    void crossSiteCookieGetOnApiXmlIsDeniedAndCreatesNothing() throws Exception {
        BreezeClient.Reply r = server.client().send(xmlGet(createUserQuery("csrf-get@example.com"))
                .header("Cookie", "BREEZESESSION=" + adminToken()).header("Sec-Fetch-Site", "cross-site"));
        assertSimilar(DENIED, r.body());
        assertThat(r.header("set-cookie")).isEmpty();
        assertThat(principalsWithLogin("csrf-get@example.com")).isZero();
    }

    @Test
    void crossOriginCookieFormPostOnApiXmlIsDeniedAndCreatesNothing() throws Exception {
        BreezeClient.Reply r = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/xml"))
                .header("Cookie", "BREEZESESSION=" + adminToken()).header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(createUserQuery("csrf-form@example.com"))));
        assertSimilar(DENIED, r.body());
        assertThat(principalsWithLogin("csrf-form@example.com")).isZero();
    }

    @Test
    void crossOriginCookieTextPlainPostOnApiXmlIsDeniedAndCreatesNothing() throws Exception {
        BreezeClient.Reply r = server.client().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/xml?" + createUserQuery("csrf-text@example.com")))
                .header("Cookie", "BREEZESESSION=" + adminToken()).header("Origin", "null")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x=y")));
        assertSimilar(DENIED, r.body());
        assertThat(principalsWithLogin("csrf-text@example.com")).isZero();
    }

    @Test
    void crossSiteCookieBatchIsDeniedAndCreatesNothing() throws Exception {
        String batch = "<actions mode=\"multiple\"><action name=\"principal-update\"><param name=\"type\">group</param>"
                + "<param name=\"has-children\">1</param><param name=\"name\">Csrf batch group</param></action></actions>";
        BreezeClient.Reply r = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/xml"))
                .header("Cookie", "BREEZESESSION=" + adminToken()).header("Sec-Fetch-Site", "cross-site")
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(batch)));
        assertThat(xpath(r.body(), "/results/results-list/results/status/@subcode")).isEqualTo("denied");
        assertThat(count("SELECT COUNT(*) FROM principal WHERE name = ?", "Csrf batch group")).isZero();
    }

    @Test
    void sameSiteCookieRequestIsDeniedToo() {
        BreezeClient.Reply r = server.client().send(xmlGet("action=principal-list")
                .header("Cookie", "BREEZESESSION=" + adminToken()).header("Sec-Fetch-Site", "same-site"));
        assertSimilar(DENIED, r.body());
    }

    @Test
    void crossSiteCookieOnResourcesIsForbidden() {
        BreezeClient.Reply r = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/resources/me"))
                .header("Cookie", "BREEZESESSION=" + adminToken()).header("Sec-Fetch-Site", "cross-site").GET());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("\"FORBIDDEN\"");
    }

    @Test
    void crossSiteCookieTextPlainPostOnAuthIsForbiddenAndCreatesNothing() throws Exception {
        String body = "{\"username\":\"csrf-auth@example.com\",\"email\":\"csrf-auth@example.com\",\"password\":\"Csrf-Pass-4711\","
                + "\"firstName\":\"C\",\"lastName\":\"S\"}";
        BreezeClient.Reply r = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/auth/users"))
                .header("Cookie", "BREEZESESSION=" + adminToken()).header("Origin", "https://evil.example")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).isEqualTo(403);
        assertThat(principalsWithLogin("csrf-auth@example.com")).isZero();
    }

    @Test
    void crossSiteCookieFormPostOnModifyRankIsForbiddenAndTheRankStays() throws Exception {
        BreezeClient admin = server.admin();
        String id = xpath(admin.call("principal-update", "type", "user", "has-children", "0", "first-name", "R",
                "last-name", "S", "password", "Csrf-Pass-4711", "login", "csrf-rank@example.com"), "/results/principal/@principal-id");
        BreezeClient.Reply r = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/modifyrank"))
                .header("Cookie", "BREEZESESSION=" + adminToken()).header("Sec-Fetch-Site", "cross-site")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("admin_user_id=" + id + "&rank=SUPER")));
        assertThat(r.status()).isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM principal WHERE login = ? AND user_rank = 'REGULAR'", "csrf-rank@example.com"))
                .isEqualTo(1);
    }

    @Test
    void sessionParameterWorksOnACrossSiteRequest() throws Exception {
        BreezeClient.Reply r = server.client().send(xmlGet(createUserQuery("csrf-param@example.com") + "&session=" + adminToken())
                .header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example"));
        assertThat(status(r.body())).isEqualTo("ok");
        assertThat(principalsWithLogin("csrf-param@example.com")).isEqualTo(1);
    }

    @Test
    void bearerTokenWorksOnACrossSiteRequest() {
        BreezeClient.Reply r = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/resources/me"))
                .header("Authorization", "Bearer " + adminToken()).header("Sec-Fetch-Site", "cross-site").GET());
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void sameOriginBrowserCookieRequestsWork() {
        String token = adminToken();
        BreezeClient.Reply fetchSite = server.client().send(xmlGet("action=principal-list&filter-rows=1")
                .header("Cookie", "BREEZESESSION=" + token).header("Sec-Fetch-Site", "same-origin"));
        assertThat(status(fetchSite.body())).isEqualTo("ok");
        BreezeClient.Reply origin = server.client().send(xmlGet("action=principal-list&filter-rows=1")
                .header("Cookie", "BREEZESESSION=" + token).header("Origin", server.baseUrl()));
        assertThat(status(origin.body())).isEqualTo("ok");
        BreezeClient.Reply json = server.client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/resources/me"))
                .header("Cookie", "BREEZESESSION=" + token).header("Origin", server.baseUrl()).GET());
        assertThat(json.status()).isEqualTo(200);
    }

    @Test
    void loginCookieIsSameSiteLaxAndNotSecureOverPlainHttp() {
        BreezeClient.Reply r = server.client().getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", TestServer.ADMIN_PASSWORD);
        assertThat(r.header("set-cookie")).singleElement().asString()
                .matches("BREEZESESSION=breez[a-z2-7]+;HttpOnly;path=/;SameSite=Lax");
    }

    @Test
    void loginCookieIsSecureWhenAProxySaysTheRequestCameOverTls() {
        BreezeClient.Reply r = server.client().send(xmlGet("action=login&login=" + BreezeClient.enc(TestServer.ADMIN_LOGIN)
                + "&password=" + BreezeClient.enc(TestServer.ADMIN_PASSWORD)).header("X-Forwarded-Proto", "https"));
        assertThat(r.header("set-cookie")).singleElement().asString()
                .matches("BREEZESESSION=breez[a-z2-7]+;HttpOnly;path=/;SameSite=Lax;Secure");
    }

    @Test
    void loginWithAPlantedCookieIssuesAFreshTokenAndThePlantedOneStaysAnonymous() {
        String planted = xpath(server.client().call("common-info"), "/results/common/cookie");
        BreezeClient.Reply login = server.client().send(xmlGet("action=login&login=" + BreezeClient.enc(TestServer.ADMIN_LOGIN)
                + "&password=" + BreezeClient.enc(TestServer.ADMIN_PASSWORD)).header("Cookie", "BREEZESESSION=" + planted));
        assertThat(status(login.body())).isEqualTo("ok");
        assertThat(login.header("set-cookie")).singleElement().asString()
                .startsWith("BREEZESESSION=breez").doesNotContain(planted);
        BreezeClient attacker = server.client();
        attacker.useSession(planted);
        assertSimilar(NO_LOGIN, attacker.call("principal-list", "filter-rows", "1"));
    }

    @Test
    void aSessionOlderThanTheMaximumLifetimeIsRefusedThoughUsedContinuously() {
        BreezeClient c = server.admin();
        for (int i = 0; i < 12 * 3 - 1; i++) {
            server.clock().advance(Duration.ofMinutes(20));
            assertThat(status(c.call("principal-list", "filter-rows", "1"))).as("after %d minutes", (i + 1) * 20).isEqualTo("ok");
        }
        server.clock().advance(Duration.ofMinutes(21));
        assertSimilar(NO_LOGIN, c.call("principal-list", "filter-rows", "1"));
    }

    @Test
    void sessionListsShowTheMaximumLifetimeAndNoLongerListASessionPastIt() {
        BreezeClient old = server.admin();
        String current = "/results/sessions/session[@is-current='true']";
        String id = xpath(old.call("session-list"), current + "/@session-id");
        java.time.OffsetDateTime created = java.time.OffsetDateTime.parse(
                xpath(old.call("session-list"), current + "/@created-at"));
        for (int i = 0; i < 12 * 3 - 1; i++) {
            server.clock().advance(Duration.ofMinutes(20));
            assertThat(status(old.call("principal-list", "filter-rows", "1"))).isEqualTo("ok");
        }
        // Used a moment ago: the idle timeout would end it in 30 minutes, the maximum lifetime in 20.
        assertThat(java.time.OffsetDateTime.parse(xpath(old.call("session-list"), current + "/@expires-at")))
                .isAtSameInstantAs(created.plusHours(12));
        server.clock().advance(Duration.ofMinutes(21));
        BreezeClient fresh = server.admin();
        String listed = fresh.call("session-list");
        assertThat(status(listed)).isEqualTo("ok");
        assertThat(listed).doesNotContain(id);
    }

    @Test
    void anonymousCommonInfoWritesNoSessionRowUntilALoginBindsItsToken() throws Exception {
        int before = sessionRows();
        BreezeClient c = server.client();
        String token = xpath(c.call("common-info"), "/results/common/cookie");
        for (int i = 0; i < 5; i++) {
            server.client().call("common-info");
        }
        c.useSession(token);
        assertThat(xpath(c.call("common-info"), "/results/common/cookie")).isEqualTo(token);
        assertThat(sessionRows()).isEqualTo(before);
        BreezeClient.Reply login = c.getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", TestServer.ADMIN_PASSWORD);
        assertThat(login.header("set-cookie")).singleElement().asString().startsWith("BREEZESESSION=" + token + ";");
        assertThat(sessionRows()).isEqualTo(before + 1);
        assertThat(xpath(c.call("common-info"), "/results/common/user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
    }

    @Test
    void commonInfoAfterLogoutHandsOutANewAnonymousToken() {
        BreezeClient c = server.client();
        String token = xpath(c.call("common-info"), "/results/common/cookie");
        c.useSession(token);
        c.login(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        c.call("logout");
        assertThat(xpath(c.call("common-info"), "/results/common/cookie")).startsWith("breez").isNotEqualTo(token);
    }

    @Test
    void aTokenWeNeverIssuedIsNotBoundByLogin() {
        BreezeClient c = server.client();
        String forged = "breez" + "a".repeat(56);
        c.useSession(forged);
        BreezeClient.Reply login = c.getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", TestServer.ADMIN_PASSWORD);
        assertThat(status(login.body())).isEqualTo("ok");
        assertThat(login.header("set-cookie")).singleElement().asString().doesNotContain(forged);
        BreezeClient attacker = server.client();
        attacker.useSession(forged);
        assertSimilar(NO_LOGIN, attacker.call("principal-list", "filter-rows", "1"));
    }

    @Test
    void anAnonymousTokenIsNotBoundOnceItsIdleTimeoutHasPassed() {
        BreezeClient c = server.client();
        String token = xpath(c.call("common-info"), "/results/common/cookie");
        server.clock().advance(Duration.ofMinutes(31));
        c.useSession(token);
        BreezeClient.Reply login = c.getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", TestServer.ADMIN_PASSWORD);
        assertThat(login.header("set-cookie")).singleElement().asString().doesNotContain(token);
    }

    @Test
    void aBoundAnonymousTokenIsNotBoundASecondTime() {
        BreezeClient c = server.client();
        String token = xpath(c.call("common-info"), "/results/common/cookie");
        c.useSession(token);
        c.login(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        c.call("logout");
        BreezeClient again = server.client();
        again.useSession(token);
        BreezeClient.Reply login = again.getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", TestServer.ADMIN_PASSWORD);
        assertThat(login.header("set-cookie")).singleElement().asString().doesNotContain(token);
        BreezeClient old = server.client();
        old.useSession(token);
        assertSimilar(NO_LOGIN, old.call("principal-list", "filter-rows", "1"));
    }
}
