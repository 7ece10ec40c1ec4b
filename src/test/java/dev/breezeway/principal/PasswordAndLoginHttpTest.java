package dev.breezeway.principal;

import static dev.breezeway.support.Xml.assertSameShape;
import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** user-update-pwd, user-accounts and login throttling. */
class PasswordAndLoginHttpTest {
    private static final String OK = "<results><status code=\"ok\"/></results>";
    private static final String DENIED = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
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

    private static BreezeClient login(String login, String password) {
        BreezeClient c = server.client();
        c.login(login, password);
        return c;
    }

    @Test
    void adminSetsAnyonesPasswordWithoutTheOldOne() {
        String id = dir.user("pw1@example.com", "P", "W");
        assertSimilar(OK, admin.call("user-update-pwd", "user-id", id, "password", "Brand-New-Secret-7",
                "password-verify", "Brand-New-Secret-7"));
        login("pw1@example.com", "Brand-New-Secret-7");
        assertThat(status(server.client().call("login", "login", "pw1@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("no-data");
    }

    @Test
    void userChangesOwnPasswordWithTheOldOneAndKeepsItsSession() {
        String id = dir.user("pw2@example.com", "P", "W");
        BreezeClient user = login("pw2@example.com", Directory.USER_PASSWORD);
        BreezeClient otherDevice = login("pw2@example.com", Directory.USER_PASSWORD);
        assertSimilar(OK, user.call("user-update-pwd", "user-id", id, "password", "Mine-Alone-2024",
                "password-verify", "Mine-Alone-2024", "password-old", Directory.USER_PASSWORD));
        assertThat(status(user.call("principal-info", "principal-id", id))).isEqualTo("ok");
        assertSimilar("<results><status code=\"no-access\" subcode=\"no-login\"/></results>",
                otherDevice.call("principal-info", "principal-id", id));
    }

    @Test
    void userWithoutOrWithWrongOldPasswordIsRefused() {
        String id = dir.user("pw3@example.com", "P", "W");
        BreezeClient user = login("pw3@example.com", Directory.USER_PASSWORD);
        assertSimilar("""
                <results><status code="invalid"><invalid field="password-old" type="string" subcode="missing"/></status></results>""",
                user.call("user-update-pwd", "user-id", id, "password", "Mine-Alone-2024", "password-verify", "Mine-Alone-2024"));
        assertSimilar(DENIED, user.call("user-update-pwd", "user-id", id, "password", "Mine-Alone-2024",
                "password-verify", "Mine-Alone-2024", "password-old", "Wrong-Old-1234"));
    }

    @Test
    void userMayNotChangeSomeoneElsesPassword() {
        String victim = dir.user("victim@example.com", "V", "C");
        BreezeClient user = dir.plainUser("attacker@example.com");
        assertSimilar(DENIED, user.call("user-update-pwd", "user-id", victim, "password", "Taken-Over-999",
                "password-verify", "Taken-Over-999", "password-old", Directory.USER_PASSWORD));
    }

    @Test
    void verifyMismatchAndWeakPasswordsAreInvalid() {
        String id = dir.user("pw4@example.com", "P", "W");
        assertSimilar("""
                <results><status code="invalid"><invalid field="password-verify" type="string" subcode="format"/></status></results>""",
                admin.call("user-update-pwd", "user-id", id, "password", "Brand-New-Secret-7", "password-verify", "Other-Secret-8"));
        // The XML face's default policy is Adobe's: 4 to 32 characters, no class required (PasswordPolicyHttpTest).
        assertSimilar("""
                <results><status code="invalid"><invalid field="password" type="string" subcode="range" min="4" max="32"/></status></results>""",
                admin.call("user-update-pwd", "user-id", id, "password", "abc", "password-verify", "abc"));
    }

    @Test
    void missingParametersAreReported() {
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="user-id" type="id" subcode="missing"/>
                  <invalid field="password" type="string" subcode="missing"/>
                  <invalid field="password-verify" type="string" subcode="missing"/>
                </status></results>""", admin.call("user-update-pwd"));
    }

    @Test
    void unknownUserIsNoSuchItem() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="user-id" type="id" subcode="no-such-item"/></status></results>""",
                admin.call("user-update-pwd", "user-id", "99999999", "password", "Brand-New-Secret-7",
                        "password-verify", "Brand-New-Secret-7"));
    }

    @Test
    void userAccountsListsTheAccountOfTheCredentials() {
        String id = dir.user("acc@example.com", "A", "C");
        String xml = server.client().call("user-accounts", "login", "acc@example.com", "password", Directory.USER_PASSWORD);
        assertSameShape("""
                <results><status code="ok"/><users><user user-id="1" account-id="1"><name/><date-expired/></user></users></results>""", xml);
        assertThat(xpath(xml, "/results/users/user/@user-id")).isEqualTo(id);
        assertSimilar("<results><status code=\"no-data\"/></results>",
                server.client().call("user-accounts", "login", "acc@example.com", "password", "Nope-Nope-123"));
    }

    @Test
    void fiveFailuresLockTheLoginUntilTheWindowPassesEvenWithTheRightPassword() {
        dir.user("locked@example.com", "L", "K");
        for (int i = 0; i < 5; i++) {
            assertThat(status(server.client().call("login", "login", "locked@example.com", "password", "Wrong-" + i + "-Pass")))
                    .isEqualTo("no-data");
        }
        String locked = server.client().call("login", "login", "locked@example.com", "password", Directory.USER_PASSWORD);
        assertSimilar("""
                <results><status code="invalid" subcode="user-suspended"><param value="15"/></status></results>""", locked);
        server.clock().advance(Duration.ofMinutes(16));
        assertThat(status(server.client().call("login", "login", "locked@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("ok");
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        dir.user("reset@example.com", "R", "S");
        for (int i = 0; i < 4; i++) {
            server.client().call("login", "login", "reset@example.com", "password", "Wrong-" + i + "-Pass");
        }
        login("reset@example.com", Directory.USER_PASSWORD);
        for (int i = 0; i < 4; i++) {
            server.client().call("login", "login", "reset@example.com", "password", "Wrong-" + i + "-Pass");
        }
        assertThat(status(server.client().call("login", "login", "reset@example.com", "password", Directory.USER_PASSWORD)))
                .isEqualTo("ok");
    }
}
