package dev.breezeway.auth;

import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lock model across client addresses: a login is locked per (login, address), an address over all
 * logins, and a login over all addresses at a higher limit. Clients take other loopback addresses
 * (127.0.0.x) by binding their socket to them.
 */
class LoginAddressLimitHttpTest {
    private static TestServer server;
    private static Directory dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("BREEZEWAY_LOGIN_MAX_FAILURES", "5", "BREEZEWAY_LOGIN_LOCK_MINUTES", "15",
                "BREEZEWAY_LOGIN_MAX_FAILURES_PER_ADDRESS", "8", "BREEZEWAY_LOGIN_MAX_FAILURES_PER_LOGIN", "12"));
        dir = new Directory(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A {@code login} from the loopback address {@code from}; returns the reply's body. */
    static String loginFrom(String from, String login, String password) {
        return server.client().loginFrom(from, login, password);
    }

    private static String subcode(String body) {
        var m = java.util.regex.Pattern.compile("<status code=\"(\\w[\\w-]*)\"(?: subcode=\"([\\w-]+)\")?").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(2) == null ? m.group(1) : m.group(1) + "/" + m.group(2);
    }

    @Test
    void guessesFromOneAddressDoNotLockTheOwnerOutFromAnother() {
        dir.user("owner@example.com", "O", "W");
        for (int i = 0; i < 7; i++) {
            loginFrom("127.0.0.2", "owner@example.com", "Wrong-" + i + "-Pass");
        }
        assertThat(subcode(loginFrom("127.0.0.2", "owner@example.com", Directory.USER_PASSWORD)))
                .isEqualTo("invalid/user-suspended");
        assertThat(subcode(loginFrom("127.0.0.1", "owner@example.com", Directory.USER_PASSWORD))).isEqualTo("ok");
    }

    @Test
    void anAddressOverItsLimitIsLockedForEveryLogin() {
        dir.user("spray-a@example.com", "S", "A");
        dir.user("spray-b@example.com", "S", "B");
        dir.user("spray-c@example.com", "S", "C");
        for (int i = 0; i < 4; i++) {
            loginFrom("127.0.0.3", "spray-a@example.com", "Wrong-" + i + "-Pass");
            loginFrom("127.0.0.3", "spray-b@example.com", "Wrong-" + i + "-Pass");
        }
        assertThat(subcode(loginFrom("127.0.0.3", "spray-c@example.com", Directory.USER_PASSWORD)))
                .isEqualTo("invalid/user-suspended");
        assertThat(subcode(loginFrom("127.0.0.1", "spray-c@example.com", Directory.USER_PASSWORD))).isEqualTo("ok");
    }

    @Test
    void guessesSpreadOverManyAddressesLockTheLoginEverywhere() {
        dir.user("botnet@example.com", "B", "N");
        for (int a = 10; a < 16; a++) {
            for (int i = 0; i < 2; i++) {
                assertThat(subcode(loginFrom("127.0.0." + a, "botnet@example.com", "Wrong-" + i + "-Pass")))
                        .isEqualTo("no-data");
            }
        }
        assertThat(subcode(loginFrom("127.0.0.1", "botnet@example.com", Directory.USER_PASSWORD)))
                .isEqualTo("invalid/user-suspended");
    }

    @Test
    void aSuccessFromAnyAddressForgetsTheLoginsFailuresEverywhere() {
        dir.user("forget@example.com", "F", "G");
        for (int i = 0; i < 3; i++) {
            loginFrom("127.0.0.4", "forget@example.com", "Wrong-" + i + "-Pass");
        }
        assertThat(subcode(loginFrom("127.0.0.5", "forget@example.com", Directory.USER_PASSWORD))).isEqualTo("ok");
        for (int i = 0; i < 3; i++) {
            loginFrom("127.0.0.4", "forget@example.com", "Wrong-" + i + "-Pass");
        }
        assertThat(subcode(loginFrom("127.0.0.4", "forget@example.com", Directory.USER_PASSWORD))).isEqualTo("ok");
    }
}
