package dev.breezeway;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.config.AppConfig;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --reset-admin-password} and {@code --clear-login-lock} over a live database: the new password
 * logs in, the old one and the old sessions do not, the lock is gone; an unknown login becomes a new
 * administrator. (LifecycleIT runs the same through the jar.)
 */
class AdminRecoveryHttpTest {

    private static AppConfig withPassword(TestServer server, String password) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put(AppConfig.DB_URL, "jdbc:mariadb://unused/");
        cfg.put(AppConfig.ADMIN_PASSWORD, password);
        AppConfig c = AppConfig.fromMap(cfg);
        return c;
    }

    @Test
    void resettingTheAdministratorEndsItsSessionsClearsItsLockAndTheNewPasswordLogsIn() {
        try (TestServer server = TestServer.start()) {
            BreezeClient session = server.admin();
            assertThat(status(session.call("common-info"))).isEqualTo("ok");
            BreezeClient attacker = server.client();
            for (int i = 0; i < 6; i++) {
                attacker.getRaw("login", "login", TestServer.ADMIN_LOGIN, "password", "wrong-" + i);
            }
            assertThat(status(server.client().getRaw("login", "login", TestServer.ADMIN_LOGIN, "password",
                    TestServer.ADMIN_PASSWORD).body())).as("locked").isNotEqualTo("ok");

            int code = Cli.resetAdmin(withPassword(server, "Recovered-Pass-42"), server.app().database(),
                    TestServer.ADMIN_LOGIN);

            assertThat(code).isZero();
            assertThat(xpath(session.call("common-info"), "/results/common/user/login"))
                    .as("the old session has ended").isEmpty();
            assertThat(status(server.client().getRaw("login", "login", TestServer.ADMIN_LOGIN, "password",
                    TestServer.ADMIN_PASSWORD).body())).isEqualTo("no-data");
            BreezeClient again = server.client();
            again.login(TestServer.ADMIN_LOGIN, "Recovered-Pass-42");
            assertThat(xpath(again.call("common-info"), "/results/common/user/login")).isEqualTo(TestServer.ADMIN_LOGIN);
        }
    }

    @Test
    void anUnknownLoginBecomesANewAdministratorAndALockCanBeClearedAlone() {
        try (TestServer server = TestServer.start()) {
            assertThat(Cli.resetAdmin(withPassword(server, "Second-Admin-77"), server.app().database(),
                    "rescue@example.com")).isZero();
            BreezeClient rescue = server.client();
            rescue.login("rescue@example.com", "Second-Admin-77");
            assertThat(status(rescue.call("principal-list"))).isEqualTo("ok");
            assertThat(status(rescue.call("login-lock-list"))).as("an administrator's action").isEqualTo("ok");

            for (int i = 0; i < 6; i++) {
                server.client().getRaw("login", "login", "rescue@example.com", "password", "wrong-" + i);
            }
            assertThat(status(server.client().getRaw("login", "login", "rescue@example.com", "password",
                    "Second-Admin-77").body())).isNotEqualTo("ok");
            assertThat(Cli.clearLock(server.app().config(), server.app().database(), "rescue@example.com")).isZero();
            assertThat(status(server.client().getRaw("login", "login", "rescue@example.com", "password",
                    "Second-Admin-77").body())).isEqualTo("ok");
        }
    }
}
