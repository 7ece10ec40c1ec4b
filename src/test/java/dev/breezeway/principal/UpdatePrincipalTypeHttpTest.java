package dev.breezeway.principal;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * update-principal-type ({@code principal-id}, {@code type}): a guest given {@code type=user} becomes a user;
 * the current type changes nothing; every other change is {@code illegal-operation} on {@code type}.
 */
class UpdatePrincipalTypeHttpTest {
    private static final String ILLEGAL = """
            <results><status code="invalid"><invalid field="type" type="enum" subcode="illegal-operation"/></status></results>""";
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = dir.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String guest(String login) {
        String xml = admin.call("principal-update", "type", "guest", "has-children", "0", "login", login,
                "first-name", "Gus", "last-name", "Guest", "email", login, "password", Directory.USER_PASSWORD);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xpath(xml, "/results/principal/@principal-id");
    }

    private static String typeOf(String id) {
        return xpath(admin.call("principal-info", "principal-id", id), "/results/principal/@type");
    }

    private static String reply(String type, String id) {
        return "<results><status code=\"ok\"/><update-principal-type type=\"" + type + "\" principal-id=\"" + id
                + "\"/></results>";
    }

    @Test
    void typeUserOnAGuestPromotesItToAUser() {
        String guest = guest("promote@type.example.com");
        assertSimilar(reply("user", guest), admin.call("update-principal-type", "principal-id", guest, "type", "user"));
        assertThat(typeOf(guest)).isEqualTo("user");
        assertThat(xpath(admin.call("principal-list", "filter-type", "guest", "filter-principal-id", guest),
                "count(/results/principal-list/principal)")).isEqualTo("0");
    }

    @Test
    void thePromotedGuestStillLogsIn() {
        String guest = guest("login@type.example.com");
        assertThat(status(admin.call("update-principal-type", "principal-id", guest, "type", "user"))).isEqualTo("ok");
        BreezeClient c = server.client();
        c.login("login@type.example.com", Directory.USER_PASSWORD);
        assertThat(xpath(c.call("common-info"), "/results/common/user/@user-id")).isEqualTo(guest);
    }

    @Test
    void theCurrentTypeAnswersOkAndChangesNothing() {
        String user = dir.user("same@type.example.com", "Same", "Type");
        String guest = guest("same.guest@type.example.com");
        assertSimilar(reply("user", user), admin.call("update-principal-type", "principal-id", user, "type", "user"));
        assertSimilar(reply("guest", guest), admin.call("update-principal-type", "principal-id", guest, "type", "guest"));
        assertThat(typeOf(user)).isEqualTo("user");
        assertThat(typeOf(guest)).isEqualTo("guest");
    }

    @Test
    void aUserCannotBeMadeAGuest() {
        String user = dir.user("demote@type.example.com", "Demote", "Me");
        assertSimilar(ILLEGAL, admin.call("update-principal-type", "principal-id", user, "type", "guest"));
        assertThat(typeOf(user)).isEqualTo("user");
    }

    @Test
    void nobodyBecomesAGroupOrABuiltInGroup() {
        String user = dir.user("group@type.example.com", "Group", "Me");
        String guest = guest("builtin@type.example.com");
        assertSimilar(ILLEGAL, admin.call("update-principal-type", "principal-id", user, "type", "group"));
        assertSimilar(ILLEGAL, admin.call("update-principal-type", "principal-id", user, "type", "admins"));
        assertSimilar(ILLEGAL, admin.call("update-principal-type", "principal-id", guest, "type", "group"));
        assertThat(typeOf(user)).isEqualTo("user");
        assertThat(typeOf(guest)).isEqualTo("guest");
    }

    @Test
    void aGroupCannotBeMadeAUser() {
        String group = dir.group("Typed group", "stays a group");
        assertSimilar(ILLEGAL, admin.call("update-principal-type", "principal-id", group, "type", "user"));
        assertThat(typeOf(group)).isEqualTo("group");
    }

    @Test
    void anUnknownPrincipalIsNoData() {
        assertSimilar("<results><status code=\"no-data\"/></results>",
                admin.call("update-principal-type", "principal-id", "99999999", "type", "user"));
    }

    @Test
    void missingParametersAreInvalidMissing() {
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="principal-id" type="id" subcode="missing"/>
                  <invalid field="type" type="enum" subcode="missing"/>
                </status></results>""", admin.call("update-principal-type"));
    }

    @Test
    void aTypeNobodyKnowsIsInvalidFormat() {
        String guest = guest("unknown@type.example.com");
        assertSimilar("""
                <results><status code="invalid"><invalid field="type" type="enum" subcode="format"/></status></results>""",
                admin.call("update-principal-type", "principal-id", guest, "type", "wizard"));
        assertThat(typeOf(guest)).isEqualTo("guest");
    }

    @Test
    void aUserWithoutUsersUpdateIsDenied() {
        String guest = guest("denied@type.example.com");
        assertSimilar("<results><status code=\"no-access\" subcode=\"denied\"/></results>",
                dir.plainUser("plain@type.example.com").call("update-principal-type", "principal-id", guest, "type", "user"));
        assertThat(typeOf(guest)).isEqualTo("guest");
    }
}
