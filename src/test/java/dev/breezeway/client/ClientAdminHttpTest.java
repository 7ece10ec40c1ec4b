package dev.breezeway.client;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestPrincipals;
import dev.breezeway.support.TestServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registering, listing, rotating and revoking API clients and setting their roles, on both faces;
 * the permissions each operation checks; and the hidden principals behind clients staying hidden.
 */
class ClientAdminHttpTest {
    private static final String DENIED = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
    private static final String NO_LOGIN = "<results><status code=\"no-access\" subcode=\"no-login\"/></results>";
    private static TestServer server;
    private static Clients clients;
    private static BreezeClient admin;
    private static JsonClient adminJson;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        clients = new Clients(server);
        admin = clients.admin();
        adminJson = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clientCreateAnswersTheIdAndTheSecretOnce() {
        String xml = admin.call("client-create", "name", "Billing sync");

        assertThat(status(xml)).isEqualTo("ok");
        assertThat(count(xml, "/results/client")).isEqualTo(1);
        assertThat(count(xml, "/results/client/*")).isEqualTo(1);
        String id = xpath(xml, "/results/client/@client-id");
        String secret = xpath(xml, "/results/client/secret");
        assertThat(id).matches("[0-9a-f]{40}");
        assertThat(secret).matches("[0-9a-f]{40}");
        assertThat(secret).isNotEqualTo(id);
        String list = admin.call("client-list");
        assertThat(list).doesNotContain(secret);
        assertThat(xpath(list, "/results/client-list/client[@client-id='" + id + "']/name")).isEqualTo("Billing sync");
    }

    @Test
    void theSecretIsStoredOnlyAsItsSha256() {
        Clients.Client c = clients.register("Hashed");

        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM api_client WHERE client_id = ?"
                + " AND secret_hash = UNHEX(SHA2(?, 256))", c.id(), c.secret())).isEqualTo(1);
    }

    @Test
    void clientCreateWithoutANameIsMissingAndStoresNothing() {
        long before = TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM api_client");
        assertSimilar("<results><status code=\"invalid\"><invalid field=\"name\" type=\"string\" subcode=\"missing\"/>"
                + "</status></results>", admin.call("client-create"));
        assertThat(TestPrincipals.queryLong(server, "SELECT COUNT(*) FROM api_client")).isEqualTo(before);
    }

    @Test
    void clientListShowsNameDateAndRolesOfLiveClientsOnly() {
        Clients.Client listed = clients.register("Listed", "users:list");
        Clients.Client gone = clients.register("Gone");
        admin.call("client-revoke", "client-id", gone.id());

        String xml = admin.call("client-list");

        String row = "/results/client-list/client[@client-id='" + listed.id() + "']";
        assertThat(xpath(xml, row + "/name")).isEqualTo("Listed");
        assertThat(xpath(xml, row + "/date-created")).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(xpath(xml, row + "/roles/role")).isEqualTo("client-role:Listed");
        assertThat(count(xml, row + "/secret")).isZero();
        assertThat(count(xml, "/results/client-list/client[@client-id='" + gone.id() + "']")).isZero();
    }

    @Test
    void clientRolesUpdateReplacesTheRolesAndNoRoleClearsThem() {
        Clients.Client c = clients.register("Roles");
        assertSimilar("<results><status code=\"ok\"/></results>",
                admin.call("client-roles-update", "client-id", c.id(), "role", "a:one", "role", "b:two"));
        assertThat(rolesOf(c)).isEqualTo("a:one,b:two");
        admin.call("client-roles-update", "client-id", c.id(), "role", "c:three");
        assertThat(rolesOf(c)).isEqualTo("c:three");
        admin.call("client-roles-update", "client-id", c.id());
        assertThat(rolesOf(c)).isEmpty();
    }

    private static String rolesOf(Clients.Client c) {
        String xml = admin.call("client-list");
        String roles = "/results/client-list/client[@client-id='" + c.id() + "']/roles/role";
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= count(xml, roles); i++) {
            sb.append(i == 1 ? "" : ",").append(xpath(xml, roles + "[" + i + "]"));
        }
        return sb.toString();
    }

    @Test
    void unknownClientIsNoDataOnEveryXmlAction() {
        String unknown = "0123456789abcdef0123456789abcdef01234567";
        String noData = "<results><status code=\"no-data\"/></results>";
        assertSimilar(noData, admin.call("client-rotate", "client-id", unknown));
        assertSimilar(noData, admin.call("client-revoke", "client-id", unknown));
        assertSimilar(noData, admin.call("client-roles-update", "client-id", unknown, "role", "x:y"));
    }

    @Test
    void clientRotateGivesANewSecretForTheSameId() {
        Clients.Client c = clients.register("Rotated");
        String xml = admin.call("client-rotate", "client-id", c.id());
        assertThat(xpath(xml, "/results/client/@client-id")).isEqualTo(c.id());
        String fresh = xpath(xml, "/results/client/secret");
        assertThat(fresh).matches("[0-9a-f]{40}").isNotEqualTo(c.secret());
        assertThat(clients.requestToken(c.id(), c.secret(), "client").status()).isEqualTo(401);
        assertThat(clients.requestToken(c.id(), fresh, "client").status()).isEqualTo(200);
    }

    @Test
    void clientRevokeIsRepeatable() {
        Clients.Client c = clients.register("Revoked twice");
        assertSimilar("<results><status code=\"ok\"/></results>", admin.call("client-revoke", "client-id", c.id()));
        assertSimilar("<results><status code=\"ok\"/></results>", admin.call("client-revoke", "client-id", c.id()));
        assertThat(clients.requestToken(c.id(), c.secret(), "client").status()).isEqualTo(401);
        assertSimilar("<results><status code=\"no-data\"/></results>", admin.call("client-rotate", "client-id", c.id()));
    }

    @Test
    void jsonCreateListRotateRolesAndRevoke() {
        JsonClient.Reply created = adminJson.post("/resources/clients", "{\"name\":\"Json client\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("clientId").asText();
        String secret = created.body().get("clientSecret").asText();
        assertThat(id).matches("[0-9a-f]{40}");
        assertThat(secret).matches("[0-9a-f]{40}");

        JsonClient.Reply list = adminJson.get("/resources/clients");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw()).contains(id).doesNotContain(secret);
        JsonClient.Reply one = adminJson.get("/resources/clients/" + id);
        assertThat(one.body().get("name").asText()).isEqualTo("Json client");
        assertThat(one.body().has("clientSecret")).isFalse();

        JsonClient.Reply roles = adminJson.put("/resources/clients/" + id + "/roles", "{\"roles\":[\"sync:writer\"]}",
                Optional.empty());
        assertThat(roles.status()).as(roles.raw()).isEqualTo(200);
        assertThat(roles.body().get("roles").get(0).asText()).isEqualTo("sync:writer");

        JsonClient.Reply rotated = adminJson.post("/resources/clients/" + id + "/rotate", "");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().get("clientId").asText()).isEqualTo(id);
        String fresh = rotated.body().get("clientSecret").asText();
        assertThat(fresh).isNotEqualTo(secret);
        assertThat(clients.requestToken(id, secret, "client").status()).isEqualTo(401);
        assertThat(clients.requestToken(id, fresh, "client").status()).isEqualTo(200);

        assertThat(adminJson.delete("/resources/clients/" + id, Optional.empty()).status()).isEqualTo(204);
        assertThat(clients.requestToken(id, fresh, "client").status()).isEqualTo(401);
        assertThat(adminJson.get("/resources/clients/" + id).status()).isEqualTo(404);
        assertThat(adminJson.get("/resources/clients").raw()).doesNotContain(id);
    }

    @Test
    void jsonUnknownClientIs404AndBlankNameIs400() {
        assertThat(adminJson.post("/resources/clients/0123456789abcdef0123456789abcdef01234567/rotate", "").status())
                .isEqualTo(404);
        JsonClient.Reply blank = adminJson.post("/resources/clients", "{\"name\":\"  \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.errorCode()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void anonymousCallersAreNoLoginOnEveryClientAdminAction() {
        BreezeClient anonymous = server.client();
        for (String action : new String[] {"client-create", "client-rotate", "client-revoke", "client-list",
                "client-roles-update", "principal-deactivate"}) {
            assertSimilar(NO_LOGIN, anonymous.call(action));
        }
        assertThat(new JsonClient(server.baseUrl()).get("/resources/clients").status()).isEqualTo(401);
    }

    @Test
    void managingClientsNeedsClientsManage() {
        Clients.Client target = clients.register("Managed");
        // A caller holding everything about clients except clients:manage.
        Clients.Client reader = clients.register("Reader only", "clients:read");
        String token = clients.token(reader);
        BreezeClient xml = clients.xml(token);
        JsonClient json = clients.json(token);

        assertSimilar(DENIED, xml.call("client-create", "name", "Nope"));
        assertSimilar(DENIED, xml.call("client-rotate", "client-id", target.id()));
        assertSimilar(DENIED, xml.call("client-revoke", "client-id", target.id()));
        assertSimilar(DENIED, xml.call("client-roles-update", "client-id", target.id(), "role", "x:y"));
        assertThat(json.post("/resources/clients", "{\"name\":\"Nope\"}").status()).isEqualTo(403);
        assertThat(json.post("/resources/clients/" + target.id() + "/rotate", "").status()).isEqualTo(403);
        assertThat(json.delete("/resources/clients/" + target.id(), Optional.empty()).status()).isEqualTo(403);
        assertThat(json.put("/resources/clients/" + target.id() + "/roles", "{\"roles\":[]}", Optional.empty()).status())
                .isEqualTo(403);
        assertThat(clients.requestToken(target.id(), target.secret(), "client").status()).isEqualTo(200);
        assertThat(status(xml.call("client-list"))).isEqualTo("ok");
    }

    @Test
    void listingClientsNeedsClientsRead() {
        Clients.Client manager = clients.register("Manager only", "clients:manage");
        String token = clients.token(manager);
        assertSimilar(DENIED, clients.xml(token).call("client-list"));
        assertThat(clients.json(token).get("/resources/clients").status()).isEqualTo(403);
        assertThat(clients.json(token).get("/resources/clients/" + manager.id()).status()).isEqualTo(403);
        String created = clients.xml(token).call("client-create", "name", "Made by a client");
        assertThat(status(created)).isEqualTo("ok");
    }

    @Test
    void aPlainUserMayNotManageClients() {
        BreezeClient user = new dev.breezeway.support.Directory(server).plainUser("plain-client-admin@example.com");
        assertSimilar(DENIED, user.call("client-create", "name", "x"));
        assertSimilar(DENIED, user.call("client-list"));
    }

    @Test
    void clientPrincipalsNeverShowInListsLookupsOrPermissions() {
        Clients.Client c = clients.register("Invisible");
        long principalId = TestPrincipals.queryLong(server, "SELECT principal_id FROM api_client WHERE client_id = ?",
                c.id());

        String list = admin.call("principal-list");
        assertThat(count(list, "/results/principal-list/principal[@type='api-client']")).isZero();
        assertThat(count(list, "/results/principal-list/principal[@principal-id='" + principalId + "']")).isZero();
        assertSimilar("<results><status code=\"no-data\"/></results>",
                admin.call("principal-info", "principal-id", Long.toString(principalId)));
        String perms = admin.call("permissions-info", "acl-id", Long.toString(TestPrincipals.accountId(server)));
        assertThat(perms).doesNotContain("api-client");
        JsonNode iam = adminJson.get("/resources/iam/principals?search=Invisible").body();
        assertThat(iam.get("totalCount").asInt()).isZero();
        assertThat(status(admin.call("principals-delete", "principal-id", Long.toString(principalId)))).isEqualTo("ok");
        assertThat(clients.requestToken(c.id(), c.secret(), "client").status()).isEqualTo(200);
        assertThat(status(admin.call("group-membership-update", "group-id",
                new dev.breezeway.support.Directory(server).builtIn("admins"), "principal-id", Long.toString(principalId),
                "is-member", "true"))).isEqualTo("invalid");
    }
}
