package dev.breezeway.policy;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A taken login, group name or email is {@code duplicate}, always (client checklist point 12): also for
 * an exact repeat, on every face, in batches, and reported together with the create's other problems.
 */
class DuplicateCreatesHttpTest {
    private static final String DUPLICATE_LOGIN = "<results><status code=\"invalid\">"
            + "<invalid field=\"login\" type=\"string\" subcode=\"duplicate\"/></status></results>";
    private static TestServer server;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = new Directory(server).admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String[] user(String login, String... extra) {
        String[] base = {"type", "user", "has-children", "0", "login", login, "first-name", "Du", "last-name", "Plicate",
                "email", login};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    private static long count(String login) {
        return TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE login = ?", login);
    }

    @Test
    void anExactRepeatOfAUserCreateIsDuplicateAndChangesNothing() {
        String first = admin.call("principal-update", user("repeat@example.com"));
        assertThat(status(first)).isEqualTo("ok");
        assertSimilar(DUPLICATE_LOGIN, admin.call("principal-update", user("repeat@example.com")));
        assertSimilar(DUPLICATE_LOGIN, admin.call("principal-update", user("repeat@example.com", "password", "x1a2b3c4d")));
        assertThat(count("repeat@example.com")).isEqualTo(1);
    }

    @Test
    void anExactRepeatOfAGroupCreateIsDuplicateOnLogin() {
        String[] group = {"type", "group", "has-children", "1", "name", "Repeat group", "description", "same"};
        assertThat(status(admin.call("principal-update", group))).isEqualTo("ok");
        assertSimilar(DUPLICATE_LOGIN, admin.call("principal-update", group));
    }

    @Test
    void aTakenLoginAndARefusedPasswordAreReportedTogether() {
        assertThat(status(admin.call("principal-update", user("both@example.com")))).isEqualTo("ok");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="login" type="string" subcode="duplicate"/>
                  <invalid field="password" type="string" subcode="range" min="4" max="32"/>
                </status></results>""", admin.call("principal-update", user("both@example.com", "password", "ab")));
        assertThat(count("both@example.com")).isEqualTo(1);
    }

    @Test
    void aTakenLoginIsReportedWithTheParametersProblems() {
        assertThat(status(admin.call("principal-update", user("params@example.com")))).isEqualTo("ok");
        String xml = admin.call("principal-update", "type", "user", "has-children", "0", "login", "params@example.com",
                "first-name", "A", "email", "not-an-email");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="login" type="string" subcode="duplicate"/>
                  <invalid field="last-name" type="string" subcode="missing"/>
                  <invalid field="email" type="string" subcode="format"/>
                </status></results>""", xml);
    }

    @Test
    void aRepeatInsideABatchIsDuplicateInItsPlace() {
        String body = "<actions mode=\"multiple\">"
                + "<action name=\"principal-update\"><param name=\"type\">user</param><param name=\"has-children\">0</param>"
                + "<param name=\"login\">batch.dup@example.com</param><param name=\"first-name\">B</param>"
                + "<param name=\"last-name\">D</param></action>"
                + "<action name=\"principal-update\"><param name=\"type\">user</param><param name=\"has-children\">0</param>"
                + "<param name=\"login\">batch.dup@example.com</param><param name=\"first-name\">B</param>"
                + "<param name=\"last-name\">D</param></action></actions>";
        String xml = admin.post("session=" + admin.session().orElseThrow(), "text/xml",
                body.getBytes(StandardCharsets.UTF_8)).body();
        assertThat(xpath(xml, "//results[@action='principal-update'][1]/status/@code")).isEqualTo("ok");
        assertThat(xpath(xml, "//results[@action='principal-update'][2]/status/invalid/@subcode")).isEqualTo("duplicate");
        assertThat(count("batch.dup@example.com")).isEqualTo(1);
    }

    @Test
    void aTakenUserNameIsAConflictOnTheJsonFace() {
        JsonClient json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        String body = "{\"firstName\":\"J\",\"lastName\":\"D\",\"userName\":\"json.dup@example.com\","
                + "\"password\":\"Json-Dup-Pass-1\",\"temporaryPassword\":false}";
        assertThat(json.post("/auth/users", body).status()).isEqualTo(201);
        JsonClient.Reply again = json.post("/auth/users", body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(count("json.dup@example.com")).isEqualTo(1);
    }
}
