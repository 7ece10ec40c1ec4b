package dev.breezeway.account;

import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breezeway.App;
import dev.breezeway.config.AppConfig;
import dev.breezeway.config.ConfigException;
import dev.breezeway.db.Database;
import dev.breezeway.http.ServerFactory;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The first start of an empty database creates the account, its built-in groups and the administrator. */
class BootstrapHttpTest {

    private static Map<String, String> config(String url, Optional<String> password) {
        Map<String, String> m = new HashMap<>();
        m.put(AppConfig.HTTP_PORT, "0");
        m.put(AppConfig.DB_URL, url);
        m.put(AppConfig.DB_USER, TestDatabase.get().user());
        m.put(AppConfig.DB_PASSWORD, TestDatabase.get().password());
        m.put(AppConfig.ADMIN_LOGIN, "boss@example.com");
        password.ifPresent(p -> m.put(AppConfig.ADMIN_PASSWORD, p));
        return m;
    }

    private static String startCapturingStdout(String url) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AppConfig cfg = AppConfig.fromMap(config(url, Optional.empty()));
            App app = App.start(cfg, Database.open(url, cfg.dbUser(), cfg.dbPassword(), 4, Optional.empty()),
                    Clock.systemUTC());
            app.close();
        } finally {
            System.setOut(old);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generatedAdminPasswordIsPrintedOnceAndWorks() throws Exception {
        String url = TestDatabase.get().newDatabase();
        String first = startCapturingStdout(url);
        Matcher m = Pattern.compile("generated password: (\\S+)").matcher(first);
        assertThat(m.find()).as("printed: %s", first).isTrue();
        String password = m.group(1);

        String second = startCapturingStdout(url);
        assertThat(second).doesNotContain("generated password");

        AppConfig cfg = AppConfig.fromMap(config(url, Optional.empty()));
        try (App app = App.start(cfg, Database.open(url, cfg.dbUser(), cfg.dbPassword(), 4, Optional.empty()),
                Clock.systemUTC())) {
            Server server = ServerFactory.newServer(app, "127.0.0.1", 0);
            server.start();
            try {
                BreezeClient c = new BreezeClient("http://127.0.0.1:" + ServerFactory.port(server));
                c.login("boss@example.com", password);
                String info = c.call("common-info");
                assertThat(xpath(info, "/results/common/user/login")).isEqualTo("boss@example.com");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void weakConfiguredAdminPasswordIsRefusedAtStartWithAClearMessage() {
        String url = TestDatabase.get().newDatabase();
        AppConfig cfg = AppConfig.fromMap(config(url, Optional.of("password")));
        assertThatThrownBy(() -> App.start(cfg, Database.open(url, cfg.dbUser(), cfg.dbPassword(), 4, Optional.empty()),
                Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BREEZEWAY_ADMIN_PASSWORD");
    }

    @Test
    void builtInGroupsExistOnceAndTheAdministratorIsInAdmins() throws Exception {
        String url = TestDatabase.get().newDatabase();
        AppConfig cfg = AppConfig.fromMap(config(url, Optional.of("Str0ng-Admin-Pass")));
        App.start(cfg, Database.open(url, cfg.dbUser(), cfg.dbPassword(), 4, Optional.empty()), Clock.systemUTC()).close();
        try (App app = App.start(cfg, Database.open(url, cfg.dbUser(), cfg.dbPassword(), 4, Optional.empty()),
                Clock.systemUTC())) {
            var db = app.database().dsl();
            assertThat(db.fetchValue("SELECT COUNT(*) FROM account", Long.class)).isEqualTo(1L);
            assertThat(db.fetchValue("SELECT COUNT(*) FROM principal WHERE is_primary", Long.class)).isEqualTo(8L);
            assertThat(db.fetchValue("""
                    SELECT COUNT(*) FROM group_member gm JOIN principal g ON g.principal_id = gm.group_id
                    JOIN principal u ON u.principal_id = gm.member_id
                    WHERE g.type = 'admins' AND u.login = 'boss@example.com'""", Long.class)).isEqualTo(1L);
        }
    }
}
