package dev.breezeway.xml.action;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
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
 * principal-update never drops a value it cannot apply: a password on an update, a type or
 * has-children that is not the principal's, a user's field on a group or a group's on a user are
 * {@code illegal-operation} and change nothing; what real clients send still answers {@code ok}.
 */
class PrincipalUpdateFieldsHttpTest {
    private static final String OK = "<results><status code=\"ok\"/></results>";
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

    private static String illegal(String... fieldsAndTypes) {
        StringBuilder sb = new StringBuilder("<results><status code=\"invalid\">");
        for (int i = 0; i + 1 < fieldsAndTypes.length; i += 2) {
            sb.append("<invalid field=\"").append(fieldsAndTypes[i]).append("\" type=\"").append(fieldsAndTypes[i + 1])
                    .append("\" subcode=\"illegal-operation\"/>");
        }
        return sb.append("</status></results>").toString();
    }

    private static String info(String id, String path) {
        return xpath(admin.call("principal-info", "principal-id", id), "/results/principal/" + path);
    }

    private static int principalsNamed(String name) {
        return count(admin.call("principal-list", "filter-name", name), "/results/principal-list/principal");
    }

    @Test
    void passwordOnAnUpdateIsIllegalOperationAndNothingChanges() {
        String id = dir.user("pwd-upd@example.com", "Pat", "Word");

        assertSimilar(illegal("password", "string"), admin.call("principal-update", "principal-id", id,
                "first-name", "Changed", "password", "Another-Pass-9876"));

        assertThat(info(id, "first-name")).isEqualTo("Pat");
        server.client().login("pwd-upd@example.com", Directory.USER_PASSWORD);
    }

    @Test
    void theCurrentTypeAndHasChildrenOnAnUpdateAreAccepted() {
        String user = dir.user("same-type@example.com", "Sam", "Type");
        String group = dir.group("Same type group", "d");

        assertSimilar(OK, admin.call("principal-update", "principal-id", user, "type", "user", "has-children", "0",
                "last-name", "Typed"));
        assertSimilar(OK, admin.call("principal-update", "principal-id", group, "type", "group", "has-children", "1",
                "description", "still a group"));

        assertThat(info(user, "last-name")).isEqualTo("Typed");
        assertThat(info(group, "description")).isEqualTo("still a group");
    }

    @Test
    void anotherTypeOnAnUpdateIsIllegalOperationAndNothingChanges() {
        String id = dir.user("other-type@example.com", "Otto", "Type");

        assertSimilar(illegal("type", "string"), admin.call("principal-update", "principal-id", id, "type", "guest",
                "first-name", "Changed"));

        assertThat(info(id, "first-name")).isEqualTo("Otto");
    }

    @Test
    void hasChildrenThatDisagreesWithThePrincipalOnAnUpdateIsIllegalOperation() {
        String id = dir.user("kids@example.com", "Kid", "S");

        assertSimilar(illegal("has-children", "long"), admin.call("principal-update", "principal-id", id,
                "has-children", "1"));
    }

    @Test
    void usersFieldsOnAGroupUpdateAreIllegalOperationAndNothingChanges() {
        String id = dir.group("Fieldless group", "kept");

        assertSimilar(illegal("login", "string", "first-name", "string", "email", "string", "send-email", "boolean"),
                admin.call("principal-update", "principal-id", id, "login", "g@example.com", "first-name", "G",
                        "email", "g@example.com", "send-email", "true", "description", "changed"));

        assertThat(info(id, "description")).isEqualTo("kept");
    }

    @Test
    void groupsFieldsOnAUserUpdateAreIllegalOperationAndNothingChanges() {
        String id = dir.user("no-group-fields@example.com", "Nora", "Field");

        assertSimilar(illegal("name", "string", "description", "string"), admin.call("principal-update",
                "principal-id", id, "name", "A name", "description", "a description", "first-name", "Changed"));

        assertThat(info(id, "first-name")).isEqualTo("Nora");
    }

    @Test
    void usersFieldsOnAGroupCreateAreIllegalOperationAndNothingIsStored() {
        assertSimilar(illegal("login", "string", "email", "string", "password", "string", "send-email", "boolean"),
                admin.call("principal-update", "type", "group", "has-children", "1", "name", "Loginful group",
                        "login", "lg@example.com", "email", "lg@example.com", "password", "Group-Pass-1234",
                        "send-email", "true"));

        assertThat(principalsNamed("Loginful group")).isZero();
    }

    @Test
    void groupsFieldsOnAUserCreateAreIllegalOperationAndNothingIsStored() {
        assertSimilar(illegal("description", "string"), admin.call("principal-update", "type", "user",
                "has-children", "0", "login", "described@example.com", "first-name", "Des", "last-name", "Cribed",
                "description", "a user has none"));

        assertThat(count(admin.call("principal-list", "filter-login", "described@example.com"),
                "/results/principal-list/principal")).isZero();
    }

    @Test
    void blankValuesAndSendEmailFalseAskForNothingAndPass() {
        String id = dir.group("Blank fields group", "d");

        assertSimilar(OK, admin.call("principal-update", "principal-id", id, "login", "", "first-name", " ",
                "password", "", "send-email", "false", "name", "Blank fields group 2"));
        String created = admin.call("principal-update", "type", "group", "has-children", "1", "name", "Blank create",
                "email", "", "send-email", "false");

        assertThat(status(created)).as(created).isEqualTo("ok");
        assertThat(info(id, "name")).isEqualTo("Blank fields group 2");
    }

    @Test
    void updatesRealClientsSendStillAnswerOk() {
        String id = dir.user("real-clients@example.com", "Real", "Client");
        String group = dir.group("Real clients group", "d");

        // Ruby gem (sorted keys), PHP client (strips password, type, has-children), Python client.
        assertSimilar(OK, admin.call("principal-update", "email", "real-clients@example.com", "first-name", "Ruby",
                "has-children", "0", "last-name", "Gem", "login", "real-clients@example.com", "principal-id", id));
        assertSimilar(OK, admin.call("principal-update", "principal-id", id, "first-name", "Php", "last-name", "Client",
                "login", "real-clients@example.com", "email", "real-clients@example.com"));
        assertSimilar(OK, admin.call("principal-update", "principal-id", id, "first-name", "Python",
                "has-children", "0"));
        // The Ruby gem's group save: has-children=1, name, description and principal-id, no type.
        assertSimilar(OK, admin.call("principal-update", "description", "d2", "has-children", "1",
                "name", "Real clients group", "principal-id", group));

        assertThat(info(id, "first-name")).isEqualTo("Python");
        assertThat(info(group, "description")).isEqualTo("d2");
    }
}
