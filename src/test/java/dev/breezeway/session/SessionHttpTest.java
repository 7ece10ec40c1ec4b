package dev.breezeway.session;

import static dev.breezeway.support.Xml.assertSameShape;
import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** common-info, login and logout, and how a session is presented, kept and refused. */
class SessionHttpTest {
    private static final String NO_LOGIN = """
            <results><status code="no-access" subcode="no-login"/></results>""";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_SESSION_IDLE_MINUTES", "30"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String adminId() {
        BreezeClient c = server.admin();
        return xpath(c.call("common-info"), "/results/common/user/@user-id");
    }

    @Test
    void commonInfoWithoutSessionIsOkWithCookieAndNoAccountOrUser() {
        BreezeClient.Reply r = server.client().getRaw("common-info");
        assertThat(status(r.body())).isEqualTo("ok");
        assertThat(xpath(r.body(), "/results/common/cookie")).startsWith("breez");
        assertThat(xpath(r.body(), "count(/results/common/account)")).isEqualTo("0");
        assertThat(xpath(r.body(), "count(/results/common/user)")).isEqualTo("0");
        assertThat(xpath(r.body(), "/results/common/date")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d");
        assertThat(r.header("set-cookie")).hasSize(1);
        assertThat(r.header("set-cookie").get(0)).startsWith("BREEZESESSION=" + xpath(r.body(), "/results/common/cookie") + ";");
    }

    @Test
    void commonInfoHasTheFixtureShape() {
        String body = server.admin().call("common-info");
        assertSameShape("""
                <results><status code="ok"/>
                  <common locale="en" time-zone-id="105" time-zone-java-id="Europe/Brussels">
                    <cookie/><date/><host/><local-host/><admin-host/><url/><version/>
                    <account account-id=""/>
                    <user user-id="" type=""><name/><login/></user>
                    <user-agent/>
                  </common></results>""", body);
    }

    @Test
    void loginSetsExactlyOneBreezeSessionCookieWithSemicolonRightAfterTheValue() throws Exception {
        String q = "action=login&login=" + BreezeClient.enc(TestServer.ADMIN_LOGIN) + "&password="
                + BreezeClient.enc(TestServer.ADMIN_PASSWORD);
        String head = server.client().rawHttp("GET /api/xml?" + q + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        List<String> cookies = head.lines().filter(l -> l.startsWith("Set-Cookie:")).toList();
        assertThat(cookies).hasSize(1);
        assertThat(cookies.get(0)).matches("Set-Cookie: BREEZESESSION=breez[a-z2-7]{32};HttpOnly;path=/;SameSite=Lax");
        assertThat(head).contains("<status code=\"ok\"/>");
    }

    @Test
    void wrongPasswordIsNoDataAndItsCookieOpensNoSession() {
        BreezeClient client = server.client();
        BreezeClient.Reply r = client.getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", "Wrong-Pass-1");
        assertSimilar("<results><status code=\"no-data\"/></results>", r.body());
        // Set on every login response (client checklist point 13), but it names no logged-in session.
        assertThat(r.header("set-cookie")).hasSize(1);
        assertSimilar("<results><status code=\"no-access\" subcode=\"no-login\"/></results>",
                client.call("principal-info", "principal-id", "1"));
    }

    @Test
    void unknownLoginIsNoData() {
        assertSimilar("<results><status code=\"no-data\"/></results>",
                server.client().call("login", "login", "nobody@example.com", "password", "Whatever-1x"));
    }

    @Test
    void missingCredentialsAreNoData() {
        assertSimilar("<results><status code=\"no-data\"/></results>", server.client().call("login"));
        assertSimilar("<results><status code=\"no-data\"/></results>",
                server.client().call("login", "login", TestServer.ADMIN_LOGIN));
    }

    @Test
    void loginIsCaseInsensitiveOnLogin() {
        BreezeClient c = server.client();
        c.login(TestServer.ADMIN_LOGIN.toUpperCase(), TestServer.ADMIN_PASSWORD);
        assertThat(xpath(c.call("common-info"), "/results/common/user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
    }

    @Test
    void sessionIsAcceptedAsParameter() {
        BreezeClient c = server.admin();
        String body = c.call("principal-info", "principal-id", adminId());
        assertThat(status(body)).isEqualTo("ok");
    }

    @Test
    void sessionIsAcceptedAsCookie() {
        BreezeClient c = server.admin();
        String token = c.session().orElseThrow();
        BreezeClient.Reply r = server.client().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/xml?action=common-info"))
                .header("Cookie", "BREEZESESSION=" + token).GET());
        assertThat(xpath(r.body(), "/results/common/user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
        assertThat(r.header("set-cookie")).isEmpty();
    }

    @Test
    void commonInfoCookieBecomesAuthenticatedByLoginWithSessionParameter() {
        BreezeClient c = server.client();
        String cookie = xpath(c.call("common-info"), "/results/common/cookie");
        c.useSession(cookie);
        BreezeClient.Reply login = c.getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", TestServer.ADMIN_PASSWORD);
        assertThat(status(login.body())).isEqualTo("ok");
        assertThat(login.header("set-cookie")).containsExactly("BREEZESESSION=" + cookie + ";HttpOnly;path=/;SameSite=Lax");
        BreezeClient other = server.client();
        other.useSession(cookie);
        assertThat(xpath(other.call("common-info"), "/results/common/user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
    }

    @Test
    void anAlreadyAuthenticatedTokenIsNotReboundByAnotherLogin() {
        BreezeClient a = server.admin();
        String first = a.session().orElseThrow();
        BreezeClient.Reply again = a.getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", TestServer.ADMIN_PASSWORD);
        assertThat(again.header("set-cookie").get(0)).doesNotContain(first);
    }

    @Test
    void oneUserMayHoldManyConcurrentSessions() {
        BreezeClient a = server.admin();
        BreezeClient b = server.admin();
        assertThat(a.session()).isNotEqualTo(b.session());
        assertThat(status(a.call("principal-info", "principal-id", adminId()))).isEqualTo("ok");
        assertThat(status(b.call("principal-info", "principal-id", adminId()))).isEqualTo("ok");
    }

    @Test
    void protectedActionWithoutSessionIsNoLogin() {
        assertSimilar(NO_LOGIN, server.client().call("principal-info", "principal-id", "1000000"));
    }

    @Test
    void protectedActionWithUnknownSessionIsNoLogin() {
        BreezeClient c = server.client();
        c.useSession("breezunknownunknownunknownunknown12");
        assertSimilar(NO_LOGIN, c.call("principal-info", "principal-id", "1000000"));
    }

    @Test
    void protectedActionWithMalformedSessionIsNoLogin() {
        BreezeClient c = server.client();
        c.useSession("' OR 1=1 --");
        assertSimilar(NO_LOGIN, c.call("principal-info", "principal-id", "1000000"));
    }

    @Test
    void anonymousCommonInfoSessionIsNotALogin() {
        BreezeClient c = server.client();
        c.useSession(xpath(c.call("common-info"), "/results/common/cookie"));
        assertSimilar(NO_LOGIN, c.call("principal-info", "principal-id", "1000000"));
    }

    @Test
    void logoutEndsTheSession() {
        BreezeClient c = server.admin();
        String id = adminId();
        assertSimilar("<results><status code=\"ok\"/></results>", c.call("logout"));
        assertSimilar(NO_LOGIN, c.call("principal-info", "principal-id", id));
    }

    @Test
    void logoutWithoutSessionIsOk() {
        assertSimilar("<results><status code=\"ok\"/></results>", server.client().call("logout"));
    }

    @Test
    void idleSessionExpires() {
        BreezeClient c = server.admin();
        String id = adminId();
        server.clock().advance(Duration.ofMinutes(20));
        assertThat(status(c.call("principal-info", "principal-id", id))).isEqualTo("ok");
        server.clock().advance(Duration.ofMinutes(20));
        assertThat(status(c.call("principal-info", "principal-id", id))).as("used 20 minutes ago").isEqualTo("ok");
        server.clock().advance(Duration.ofMinutes(31));
        assertSimilar(NO_LOGIN, c.call("principal-info", "principal-id", id));
    }

    @Test
    void tokensAreStoredOnlyAsSha256() throws Exception {
        BreezeClient c = server.admin();
        String token = c.session().orElseThrow();
        byte[] hash = Tokens.hash(token);
        try (Connection db = server.jdbc();
             PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM auth_session WHERE token_hash = ?")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        try (Connection db = server.jdbc(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT HEX(token_hash), COALESCE(user_agent, '') FROM auth_session")) {
            while (rs.next()) {
                assertThat(rs.getString(1) + rs.getString(2)).doesNotContain(token)
                        .doesNotContainIgnoringCase(HexFormat.of().formatHex(token.getBytes()));
            }
        }
    }

    @Test
    void tokensCarryAtLeast128BitsAndDiffer() {
        Tokens tokens = new Tokens();
        String a = tokens.newToken();
        assertThat(a).matches("breez[a-z2-7]{32}");
        assertThat(tokens.newToken()).isNotEqualTo(a);
    }

    /**
     * Hashes written before the move to libargon2 (password4j, the same PHC form) keep working: this one
     * is password4j 1.8.4's Argon2id of a non-ASCII password, so the UTF-8 encoding must match too.
     */
    @Test
    void aHashWrittenByTheEarlierImplementationStillLogsIn() throws Exception {
        String login = "p4j-" + System.nanoTime() + "@example.com";
        assertThat(status(server.admin().call("principal-update", "type", "user", "login", login,
                "first-name", "Old", "last-name", "Hash", "email", login, "password", "Initial-Pass-1", "has-children", "0"))).isEqualTo("ok");
        try (Connection db = server.jdbc();
             PreparedStatement ps = db.prepareStatement("UPDATE principal SET password_hash = ? WHERE login = ?")) {
            ps.setString(1, "$argon2id$v=19$m=19456,t=2,p=1$r6GQhHmhQmqmUDBDK1WZcQ$STDRJ8d6e681aSDyrBEsY3s58xP5cUc8TrWVCD0oYrY");
            ps.setString(2, login);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertSimilar("<results><status code=\"no-data\"/></results>",
                server.client().call("login", "login", login, "password", "Initial-Pass-1"));
        assertSimilar("<results><status code=\"no-data\"/></results>",
                server.client().call("login", "login", login, "password", "passwörd-€-x"));
        BreezeClient c = server.client();
        c.login(login, "pässwörd-€-x");
        assertThat(xpath(c.call("common-info"), "/results/common/user/login")).isEqualTo(login);
    }

    @Test
    void aMalformedStoredHashNeverMatches() throws Exception {
        String login = "bad-hash-" + System.nanoTime() + "@example.com";
        assertThat(status(server.admin().call("principal-update", "type", "user", "login", login,
                "first-name", "Bad", "last-name", "Hash", "email", login, "password", "Initial-Pass-1", "has-children", "0"))).isEqualTo("ok");
        for (String broken : List.of("", "$argon2id$v=19$m=19456,t=2,p=1$", "$argon2id$v=19$m=19456,t=2,p=1$!!$!!",
                "$2a$10$abcdefghijklmnopqrstuv", "plain-text")) {
            try (Connection db = server.jdbc();
                 PreparedStatement ps = db.prepareStatement("UPDATE principal SET password_hash = ? WHERE login = ?")) {
                ps.setString(1, broken);
                ps.setString(2, login);
                ps.executeUpdate();
            }
            assertSimilar("<results><status code=\"no-data\"/></results>",
                    server.client().call("login", "login", login, "password", broken.isEmpty() ? "x" : broken));
        }
    }

    /**
     * A login's last-active time is written behind the request (within a second, by the housekeeping
     * thread), and only ever forward: a login stamped earlier than the stored time leaves it.
     */
    @Test
    void aLoginRecordsTheLastActiveTimeWithinSecondsAndNeverMovesItBack() throws Exception {
        String login = "active-" + System.nanoTime() + "@example.com";
        assertThat(status(server.admin().call("principal-update", "type", "user", "login", login,
                "first-name", "Last", "last-name", "Active", "email", login, "password", "Initial-Pass-1", "has-children", "0"))).isEqualTo("ok");
        assertThat(lastActive(login)).isNull();

        Instant first = server.clock().instant().truncatedTo(ChronoUnit.MICROS);
        server.client().login(login, "Initial-Pass-1");
        assertThat(awaitLastActive(login, first)).isEqualTo(first);

        server.clock().advance(Duration.ofMinutes(-10));
        try {
            server.client().login(login, "Initial-Pass-1");
            Thread.sleep(2_500);  // more than two flushes
            assertThat(lastActive(login)).as("an earlier time does not overwrite a later one").isEqualTo(first);
        } finally {
            server.clock().advance(Duration.ofMinutes(10));
        }
    }

    /** A clean stop right after a login writes the login's last-active time (App.close flushes it). */
    @Test
    void aStopRightAfterALoginStillWritesItsLastActiveTime() throws Exception {
        TestServer own = TestServer.start();
        Instant at;
        try {
            at = own.clock().instant().truncatedTo(ChronoUnit.MICROS);
            own.client().login(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        } finally {
            own.close();  // within the first second of the server: before its first periodic flush, as a rule
        }
        try (Connection db = own.jdbc();
             PreparedStatement ps = db.prepareStatement(
                     "SELECT UNIX_TIMESTAMP(last_active_at) * 1000000 FROM principal WHERE login = ?")) {
            ps.setString(1, TestServer.ADMIN_LOGIN);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBigDecimal(1)).isNotNull();
                assertThat(Instant.EPOCH.plus(rs.getBigDecimal(1).longValueExact(), ChronoUnit.MICROS)).isEqualTo(at);
            }
        }
    }

    private static Instant awaitLastActive(String login, Instant expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Instant seen = lastActive(login);
        while (!expected.equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = lastActive(login);
        }
        return seen;
    }

    private static Instant lastActive(String login) throws Exception {
        try (Connection db = server.jdbc();
             PreparedStatement ps = db.prepareStatement(
                     "SELECT UNIX_TIMESTAMP(last_active_at) * 1000000 FROM principal WHERE login = ?")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal micros = rs.getBigDecimal(1);
                return micros == null ? null : Instant.EPOCH.plus(micros.longValueExact(), ChronoUnit.MICROS);
            }
        }
    }

    @Test
    void passwordsAreStoredAsArgon2id() throws Exception {
        try (Connection db = server.jdbc(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_hash FROM principal WHERE login = '"
                     + TestServer.ADMIN_LOGIN + "'")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                    .doesNotContain(TestServer.ADMIN_PASSWORD);
        }
    }
}
