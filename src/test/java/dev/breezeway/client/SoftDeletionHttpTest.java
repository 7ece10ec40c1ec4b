package dev.breezeway.client;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Soft deletion (principal-deactivate and the seed's DELETE): the row stays, but the user can no
 * longer log in on any face, its sessions end at once, it leaves every list, and its clientUserId
 * cannot be created again; principals-delete still removes the row for good.
 */
class SoftDeletionHttpTest {
    private static final String OK = "<results><status code=\"ok\"/></results>";
    private static final String DENIED = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
    private static final String NO_LOGIN = "<results><status code=\"no-access\" subcode=\"no-login\"/></results>";
    private static final String NO_DATA = "<results><status code=\"no-data\"/></results>";
    private static final String[] ALL = {"users:create", "users:list", "users:read", "users:delete",
            "iam/principals:write"};
    private static TestServer server;
    private static Directory dir;
    private static Clients clients;
    private static BreezeClient admin;
    private static JsonClient adminJson;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = dir.admin();
        clients = new Clients(server);
        adminJson = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String uuidOf(String principalId) {
        String hex = clients.humanIdOf(Long.parseLong(principalId));
        return hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
    }

    private static long rows(String login) {
        return TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE login = ?", login);
    }

    @Test
    void aDeactivatedUserCannotLogInOnAnyFaceAndItsSessionsEndAtOnce() {
        String login = "gone@example.com";
        String id = dir.user(login, "Gone", "User");
        BreezeClient xml = server.client();
        xml.login(login, Directory.USER_PASSWORD);
        JsonClient json = JsonClient.loggedIn(server, login, Directory.USER_PASSWORD);

        assertSimilar(OK, admin.call("principal-deactivate", "principal-id", id));

        assertSimilar(NO_LOGIN, xml.call("principal-list"));
        assertThat(json.get("/resources/me").status()).isEqualTo(401);
        assertSimilar(NO_DATA, server.client().call("login", "login", login, "password", Directory.USER_PASSWORD));
        assertSimilar(NO_DATA, server.client().call("user-accounts", "login", login, "password", Directory.USER_PASSWORD));
        JsonClient.Reply jsonLogin = new JsonClient(server.baseUrl()).post("/resources/auth/login",
                "{\"login\":" + JsonClient.q(login) + ",\"password\":" + JsonClient.q(Directory.USER_PASSWORD) + "}");
        assertThat(jsonLogin.status()).isEqualTo(401);
        assertThat(jsonLogin.errorCode()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(rows(login)).isEqualTo(1);
    }

    @Test
    void aDeactivatedUserLeavesEveryList() {
        String login = "hidden@example.com";
        String id = dir.user(login, "Hidden", "Person");
        String uuid = uuidOf(id);
        assertThat(count(admin.call("principal-list", "filter-login", login), "/results/principal-list/principal"))
                .isEqualTo(1);

        admin.call("principal-deactivate", "principal-id", id);

        assertThat(count(admin.call("principal-list", "filter-login", login), "/results/principal-list/principal"))
                .isZero();
        assertThat(count(admin.call("principal-list"), "/results/principal-list/principal[@principal-id='" + id + "']"))
                .isZero();
        assertSimilar(NO_DATA, admin.call("principal-info", "principal-id", id));
        assertThat(adminJson.get("/resources/iam/principals?search=hidden").body().get("totalCount").asInt()).isZero();
        assertThat(adminJson.get("/resources/iam/principals/" + uuid).status()).isEqualTo(404);
        assertThat(adminJson.post("/resources/graph/query", "{\"resource\":\"identity\",\"filters\":[{\"field\":\"email\","
                + "\"op\":\"eq\",\"value\":" + JsonClient.q(login) + "}]}").body().get("count").asInt()).isZero();
        assertThat(admin.call("permissions-info", "acl-id", Long.toString(TestPrincipals.accountId(server))))
                .doesNotContain("principal-id=\"" + id + "\"");
    }

    @Test
    void theSeedDeleteEndsTheUsersSessionsAndLogin() {
        Clients.Client c = clients.register("Seed deleter", ALL);
        BreezeClient clientXml = clients.xml(clients.token(c));
        String created = Clients.createUser(clientXml, "seed.gone@example.com", "sg-1");
        String humanId = clients.humanIdOf(Long.parseLong(xpath(created, "/results/principal/@principal-id")));
        BreezeClient user = server.client();
        user.login("seed.gone@example.com", Clients.USER_PASSWORD);
        JsonClient userJson = JsonClient.loggedIn(server, "seed.gone@example.com", Clients.USER_PASSWORD);

        assertThat(clients.json(clients.token(c)).delete("/api/v1/users/" + humanId, Optional.empty()).status())
                .isEqualTo(200);

        assertSimilar(NO_LOGIN, user.call("principal-list"));
        assertThat(userJson.get("/resources/me").status()).isEqualTo(401);
        assertSimilar(NO_DATA, server.client().call("login", "login", "seed.gone@example.com", "password",
                Clients.USER_PASSWORD));
        assertThat(count(admin.call("principal-list", "filter-login", "seed.gone@example.com"),
                "/results/principal-list/principal")).isZero();
    }

    @Test
    void recreatingADeletedClientUserIdIsRefusedOnBothFaces() {
        Clients.Client c = clients.register("Recreator", ALL);
        String token = clients.token(c);
        String created = Clients.createUser(clients.xml(token), "first.life@example.com", "Human_547887179");
        String humanId = clients.humanIdOf(Long.parseLong(xpath(created, "/results/principal/@principal-id")));
        clients.json(token).delete("/api/v1/users/" + humanId, Optional.empty());
        long before = TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal");

        assertSimilar(DENIED, Clients.createUser(clients.xml(token), "second.life@example.com", "Human_547887179"));
        assertSimilar(DENIED, Clients.createUser(clients.xml(token), "first.life@example.com", "Human_547887179"));
        JsonClient.Reply json = clients.json(token).put("/resources/iam/principals/" + UUID.randomUUID(),
                "{\"name\":\"Third Life\",\"email\":\"third.life@example.com\",\"clientUserId\":\"Human_547887179\"}",
                Optional.empty());
        assertThat(json.status()).isEqualTo(403);
        assertThat(json.errorCode()).isEqualTo("USER_DELETED");
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal")).isEqualTo(before);
        assertThat(status(Clients.createUser(clients.xml(token), "second.life@example.com", "Human_999"))).isEqualTo("ok");
    }

    @Test
    void aUserDeactivatedThroughXmlCannotBeRecreatedByItsClientEither() {
        Clients.Client c = clients.register("Xml deactivated", ALL);
        String token = clients.token(c);
        String id = xpath(Clients.createUser(clients.xml(token), "xml.gone@example.com", "xg-1"),
                "/results/principal/@principal-id");
        assertSimilar(OK, admin.call("principal-deactivate", "principal-id", id));
        JsonClient.Reply json = clients.json(token).put("/resources/iam/principals/" + UUID.randomUUID(),
                "{\"name\":\"Again\",\"clientUserId\":\"xg-1\"}", Optional.empty());
        assertThat(json.status()).isEqualTo(403);
    }

    @Test
    void principalsDeleteRemovesADeactivatedUserForGood() {
        Clients.Client c = clients.register("Hard deleter", ALL);
        String token = clients.token(c);
        String id = xpath(Clients.createUser(clients.xml(token), "hard.gone@example.com", "hg-1"),
                "/results/principal/@principal-id");
        admin.call("principal-deactivate", "principal-id", id);

        assertSimilar(OK, admin.call("principals-delete", "principal-id", id));

        assertThat(rows("hard.gone@example.com")).isZero();
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM client_user WHERE principal_id = ?",
                Long.parseLong(id))).isZero();
        assertThat(status(Clients.createUser(clients.xml(token), "hard.gone@example.com", "hg-1"))).isEqualTo("ok");
    }

    @Test
    void principalsDeleteRemovesALiveUserForGood() {
        String id = dir.user("hard.live@example.com", "Hard", "Live");
        assertSimilar(OK, admin.call("principals-delete", "principal-id", id));
        assertThat(rows("hard.live@example.com")).isZero();
    }

    @Test
    void principalDeactivateIsRepeatable() {
        String id = dir.user("twice@example.com", "Twice", "Gone");
        assertSimilar(OK, admin.call("principal-deactivate", "principal-id", id));
        assertSimilar(OK, admin.call("principal-deactivate", "principal-id", id));
        assertThat(rows("twice@example.com")).isEqualTo(1);
    }

    @Test
    void principalDeactivateRefusesUnknownIdsGroupsBuiltInsAndTheCaller() {
        assertSimilar("<results><status code=\"invalid\"><invalid field=\"principal-id\" type=\"id\" subcode=\"missing\"/>"
                + "</status></results>", admin.call("principal-deactivate"));
        assertSimilar("<results><status code=\"invalid\"><invalid field=\"principal-id\" type=\"id\""
                + " subcode=\"no-such-item\"/></status></results>", admin.call("principal-deactivate", "principal-id", "999999"));
        String group = dir.group("Undeactivatable", "");
        String illegal = "<results><status code=\"invalid\"><invalid field=\"principal-id\" type=\"id\""
                + " subcode=\"illegal-operation\"/></status></results>";
        assertSimilar(illegal, admin.call("principal-deactivate", "principal-id", group));
        assertSimilar(illegal, admin.call("principal-deactivate", "principal-id", dir.builtIn("everyone")));
        String self = xpath(admin.call("common-info"), "/results/common/user/@user-id");
        assertSimilar(illegal, admin.call("principal-deactivate", "principal-id", self));
    }

    @Test
    void principalDeactivateNeedsUsersDelete() {
        String target = dir.user("protected@example.com", "Pro", "Tected");
        BreezeClient plain = dir.plainUser("no-delete-right@example.com");
        assertSimilar(DENIED, plain.call("principal-deactivate", "principal-id", target));
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE login = ? AND deleted_at IS NULL",
                "protected@example.com")).isEqualTo(1);
    }

    @Test
    void aUserHoldingUsersDeleteThroughARoleMayDeactivate() {
        clients.defineRole("user:deleter", "users:delete");
        String deleterId = dir.user("deleter@example.com", "De", "Leter");
        adminJson.put("/resources/iam/principals/" + uuidOf(deleterId) + "/roles", "{\"roles\":[\"user:deleter\"]}",
                Optional.of("*"));
        String target = dir.user("deleted.by.role@example.com", "By", "Role");
        BreezeClient deleter = server.client();
        deleter.login("deleter@example.com", Directory.USER_PASSWORD);
        assertSimilar(OK, deleter.call("principal-deactivate", "principal-id", target));
    }

    @Test
    void aClientDeactivatesOnlyItsOwnUsers() {
        Clients.Client a = clients.register("Deactivator A", ALL);
        Clients.Client b = clients.register("Deactivator B", ALL);
        BreezeClient xmlA = clients.xml(clients.token(a));
        String own = xpath(Clients.createUser(xmlA, "own.a@example.com", "oa-1"), "/results/principal/@principal-id");
        String foreign = xpath(Clients.createUser(clients.xml(clients.token(b)), "own.b@example.com", "ob-1"),
                "/results/principal/@principal-id");
        String adminMade = dir.user("admin.made.user@example.com", "Admin", "Made");
        String noSuchItem = "<results><status code=\"invalid\"><invalid field=\"principal-id\" type=\"id\""
                + " subcode=\"no-such-item\"/></status></results>";

        assertSimilar(noSuchItem, xmlA.call("principal-deactivate", "principal-id", foreign));
        assertSimilar(noSuchItem, xmlA.call("principal-deactivate", "principal-id", adminMade));
        assertSimilar(OK, xmlA.call("principal-deactivate", "principal-id", own));
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM principal WHERE principal_id IN (?, ?)"
                + " AND deleted_at IS NULL", Long.parseLong(foreign), Long.parseLong(adminMade))).isEqualTo(2);
    }

    @Test
    void theLoginOfADeactivatedUserStaysTakenUntilItIsDeletedForGood() {
        String id = dir.user("reserved@example.com", "Re", "Served");
        admin.call("principal-deactivate", "principal-id", id);
        String again = admin.call("principal-update", "type", "user", "has-children", "0", "login", "reserved@example.com",
                "first-name", "New", "last-name", "Person");
        assertThat(xpath(again, "/results/status/invalid/@subcode")).isEqualTo("duplicate");
        admin.call("principals-delete", "principal-id", id);
        assertThat(status(admin.call("principal-update", "type", "user", "has-children", "0", "login",
                "reserved@example.com", "first-name", "New", "last-name", "Person"))).isEqualTo("ok");
    }
}
