package dev.breezeway.auth;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breezeway.config.AppConfig;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adobe Connect's HTTP header authentication: a proxy at a trusted address names the user in
 * {@code X-Remote-User}; {@code login&external-auth=use} and the first request of a session log that user in, by
 * ext-login. The same header from any other address, or from another site's page, logs nobody in.
 */
class HeaderAuthHttpTest {
    private static final String PROXY = "127.0.0.2";
    private static final String ELSEWHERE = "127.0.0.3";
    private static final String NO_DATA = "<results><status code=\"no-data\"/></results>";
    private static final Pattern COOKIE = Pattern.compile("(?im)^Set-Cookie: BREEZESESSION=([^;]+);");
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(AppConfig.HEADER_AUTH_NAME, "X-Remote-User",
                AppConfig.HEADER_AUTH_TRUSTED, PROXY + ", 10.9.0.0/16"));
        dir = new Directory(server);
        admin = dir.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String get(String from, String query, String... headers) {
        StringBuilder h = new StringBuilder();
        for (String header : headers) {
            h.append(header).append("\r\n");
        }
        return admin.rawHttpFrom(from, "GET /api/xml?" + query + " HTTP/1.1\r\nHost: localhost\r\n" + h
                + "Connection: close\r\n\r\n");
    }

    private static Optional<String> cookie(String raw) {
        Matcher m = COOKIE.matcher(raw);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The login common-info shows for this session token, or "" if it is not logged in. */
    private static String whoIs(String token) {
        BreezeClient c = server.client();
        c.useSession(token);
        return xpath(c.call("common-info"), "/results/common/user/login");
    }

    @Test
    void externalAuthLogsInTheUserTheTrustedProxyNames() {
        dir.user("proxied@example.com", "Pro", "Xied");
        String raw = get(PROXY, "action=login&external-auth=use", "X-Remote-User: proxied@example.com");

        assertSimilar("<results><status code=\"ok\"/></results>", BreezeClient.bodyOf(raw));
        assertThat(whoIs(cookie(raw).orElseThrow())).isEqualTo("proxied@example.com");
        BreezeClient c = server.client();
        c.useSession(cookie(raw).get());
        String sessions = c.call("session-list");
        assertThat(xpath(sessions, "/results/sessions/session[@is-current='true']/@type")).isEqualTo("sso");
        assertThat(xpath(sessions, "/results/sessions/session[@is-current='true']/@client-name"))
                .isEqualTo("HTTP header authentication");
    }

    @Test
    void theHeaderFromAnUntrustedAddressIsIgnored() {
        dir.user("spoofed@example.com", "Spo", "Ofed");
        String raw = get(ELSEWHERE, "action=login&external-auth=use", "X-Remote-User: spoofed@example.com");

        assertSimilar(NO_DATA, BreezeClient.bodyOf(raw));
        String first = get(ELSEWHERE, "action=common-info", "X-Remote-User: spoofed@example.com");
        assertThat(count(BreezeClient.bodyOf(first), "/results/common/user")).isZero();
    }

    @Test
    void theFirstRequestOfASessionBehindTheProxyLogsIn() {
        dir.user("first@example.com", "Fir", "St");
        String raw = get(PROXY, "action=common-info", "X-Remote-User: first@example.com");

        assertThat(xpath(BreezeClient.bodyOf(raw), "/results/common/user/login")).isEqualTo("first@example.com");
        assertThat(whoIs(cookie(raw).orElseThrow())).isEqualTo("first@example.com");
        // A page of another site that makes the browser call through the proxy logs nobody in (CSRF).
        String crossSite = get(PROXY, "action=common-info", "X-Remote-User: first@example.com",
                "Sec-Fetch-Site: cross-site");
        assertThat(count(BreezeClient.bodyOf(crossSite), "/results/common/user")).isZero();
    }

    @Test
    void extLoginIsTheIdentityTheHeaderMatches() {
        String id = dir.user("ada.ext@example.com", "Ada", "Ext");
        assertThat(status(admin.call("principal-update", "principal-id", id, "ext-login", "CORP\\ada"))).isEqualTo("ok");

        assertThat(xpath(admin.call("principal-info", "principal-id", id), "/results/principal/ext-login"))
                .isEqualTo("CORP\\ada");
        JsonClient json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        String uuid = xpath(admin.call("principal-modern-info", "principal-id", id), "/results/principal-modern/@id");
        assertThat(json.get("/resources/iam/principals/" + uuid).body().get("extLogin").asText()).isEqualTo("CORP\\ada");
        String raw = get(PROXY, "action=login&external-auth=use", "X-Remote-User: CORP\\ada");
        assertThat(whoIs(cookie(raw).orElseThrow())).isEqualTo("ada.ext@example.com");
        // Once an ext-login is set, the login itself no longer names the user to the proxy.
        assertSimilar(NO_DATA, BreezeClient.bodyOf(get(PROXY, "action=login&external-auth=use",
                "X-Remote-User: ada.ext@example.com")));
    }

    @Test
    void aTakenExtLoginIsDuplicateAndChangesNothing() {
        dir.user("taken.one@example.com", "Taken", "One");
        String two = dir.user("taken.two@example.com", "Taken", "Two");
        assertSimilar("<results><status code=\"invalid\"><invalid field=\"ext-login\" type=\"string\" "
                        + "subcode=\"duplicate\"/></status></results>",
                admin.call("principal-update", "principal-id", two, "ext-login", "taken.one@example.com",
                        "first-name", "Renamed"));
        assertThat(xpath(admin.call("principal-info", "principal-id", two), "/results/principal/first-name"))
                .as("the rest of the update is rolled back").isEqualTo("Taken");
    }

    @Test
    void unknownSuspendedOrMissingIdentitiesAreNoData() {
        String id = dir.user("suspended.proxy@example.com", "Sus", "Pended");
        assertThat(status(admin.call("principal-suspend", "principal-id", id))).isEqualTo("ok");

        assertSimilar(NO_DATA, BreezeClient.bodyOf(get(PROXY, "action=login&external-auth=use",
                "X-Remote-User: suspended.proxy@example.com")));
        assertSimilar(NO_DATA, BreezeClient.bodyOf(get(PROXY, "action=login&external-auth=use",
                "X-Remote-User: nobody-at-all")));
        assertSimilar(NO_DATA, BreezeClient.bodyOf(get(PROXY, "action=login&external-auth=use")));
    }

    @Test
    void administratorsChangeTheSettingsAtRunTimeOnBothFaces() {
        assertThat(xpath(admin.call("header-auth-info"), "/results/header-auth/@source")).isEqualTo("start-up");
        BreezeClient plain = dir.plainUser("plain.header@example.com");
        assertThat(xpath(plain.call("header-auth-update", "header-name", "X-Evil"), "/results/status/@code"))
                .isEqualTo("no-access");
        assertThat(xpath(admin.call("header-auth-update", "trusted", "not-an-address"), "/results/status/invalid/@field"))
                .isEqualTo("trusted");

        String changed = admin.call("header-auth-update", "header-name", "X-Proxy-User", "trusted", PROXY);
        assertThat(xpath(changed, "/results/header-auth/@header-name")).isEqualTo("X-Proxy-User");
        assertThat(xpath(changed, "/results/header-auth/@source")).isEqualTo("database");
        JsonClient json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        JsonNode shown = json.get("/resources/auth/header-auth").body();
        assertThat(shown.get("headerName").asText()).isEqualTo("X-Proxy-User");
        assertThat(shown.get("trusted").toString()).isEqualTo("[\"" + PROXY + "\"]");
        dir.user("runtime@example.com", "Run", "Time");
        assertSimilar(NO_DATA, BreezeClient.bodyOf(get(PROXY, "action=login&external-auth=use",
                "X-Remote-User: runtime@example.com")));
        assertThat(whoIs(cookie(get(PROXY, "action=login&external-auth=use", "X-Proxy-User: runtime@example.com"))
                .orElseThrow())).isEqualTo("runtime@example.com");

        // Off: external-auth=use is refused as without configuration; then back to the start-up values.
        assertThat(json.put("/resources/auth/header-auth", "{\"headerName\":null}", Optional.empty()).body()
                .get("enabled").asBoolean()).isFalse();
        assertSimilar(NO_DATA, BreezeClient.bodyOf(get(PROXY, "action=login&external-auth=use",
                "X-Proxy-User: runtime@example.com")));
        assertThat(json.delete("/resources/auth/header-auth", Optional.empty()).body().get("source").asText())
                .isEqualTo("start-up");
        assertThat(whoIs(cookie(get(PROXY, "action=login&external-auth=use", "X-Remote-User: runtime@example.com"))
                .orElseThrow())).isEqualTo("runtime@example.com");
        assertThat(json.get("/resources/audit-events?kind=header-auth.update").raw()).contains("X-Proxy-User");
    }

    @Test
    void withoutConfigurationExternalAuthIsRefusedAsBefore() {
        try (TestServer plainServer = TestServer.start()) {
            new Directory(plainServer).user("noconfig@example.com", "No", "Config");
            String raw = plainServer.admin().rawHttpFrom(PROXY, "GET /api/xml?action=login&external-auth=use HTTP/1.1\r\n"
                    + "Host: localhost\r\nX-Remote-User: noconfig@example.com\r\nConnection: close\r\n\r\n");
            assertSimilar(NO_DATA, BreezeClient.bodyOf(raw));
        }
    }
}
