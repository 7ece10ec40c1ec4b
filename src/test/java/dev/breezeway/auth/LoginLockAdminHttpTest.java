package dev.breezeway.auth;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Administrators see and clear login locks: {@code login-lock-list}, {@code login-lock-clear}, {@code /resources/login-locks}. */
class LoginLockAdminHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_LOGIN_MAX_FAILURES", "5", "BREEZEWAY_LOGIN_LOCK_MINUTES", "15"));
        dir = new Directory(server);
        admin = dir.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void lock(String login) {
        for (int i = 0; i < 5; i++) {
            server.client().call("login", "login", login, "password", "Wrong-" + i + "-Pass");
        }
        assertThat(status(server.client().call("login", "login", login, "password", Directory.USER_PASSWORD)))
                .isEqualTo("invalid");
    }

    @Test
    void administratorListsALockedLoginWithItsMinutesLeftAndClearsIt() {
        dir.user("xml-locked@example.com", "X", "L");
        lock("xml-locked@example.com");
        String list = admin.call("login-lock-list");
        assertThat(xpath(list, "/results/login-locks/lock[@login='xml-locked@example.com' and @address='127.0.0.1']/@minutes-left"))
                .isEqualTo("15");
        assertSimilar("<results><status code=\"ok\"/></results>",
                admin.call("login-lock-clear", "login", "xml-locked@example.com"));
        assertThat(xpath(admin.call("login-lock-list"), "count(/results/login-locks/lock[@login='xml-locked@example.com'])"))
                .isEqualTo("0");
        assertThat(status(server.client().call("login", "login", "xml-locked@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("ok");
    }

    @Test
    void clearingNeedsALoginOrAnAddress() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="login" type="string" subcode="missing"/></status></results>""",
                admin.call("login-lock-clear"));
    }

    @Test
    void aPlainUserMayNeitherListNorClearLocks() {
        BreezeClient user = dir.plainUser("lock-peeker@example.com");
        String denied = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
        assertSimilar(denied, user.call("login-lock-list"));
        assertSimilar(denied, user.call("login-lock-clear", "login", "lock-peeker@example.com"));
    }

    @Test
    void jsonListsAndDeletesALock() {
        dir.user("json-locked@example.com", "J", "L");
        lock("json-locked@example.com");
        JsonClient json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        JsonClient.Reply list = json.get("/resources/login-locks");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("locks").findValuesAsText("login")).contains("json-locked@example.com");
        assertThat(json.delete("/resources/login-locks/json-locked@example.com", Optional.empty()).status()).isEqualTo(204);
        assertThat(status(server.client().call("login", "login", "json-locked@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("ok");
    }
}
