package dev.breezeway.client;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client tokens: issued by {@code POST /v1/admin/token} and {@code client-token}, accepted on both
 * faces, holding exactly the client's own roles (never an administrator's), valid 86,400 seconds
 * regardless of the idle timeout, and ended by rotation and revocation.
 */
class ClientTokenHttpTest {
    private static final String DENIED = "<results><status code=\"no-access\" subcode=\"denied\"/></results>";
    private static final String NO_LOGIN = "<results><status code=\"no-access\" subcode=\"no-login\"/></results>";
    private static TestServer server;
    private static Clients clients;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        clients = new Clients(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tokenEndpointAnswersTheSeedShape() {
        Clients.Client c = clients.register("Shape");
        JsonClient.Reply r = clients.requestToken(c.id(), c.secret(), "client");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType().orElse("")).startsWith("application/json");
        assertThat(r.body().get("expires_in").asLong()).isEqualTo(86400);
        assertThat(r.body().get("client_token").asText()).isNotBlank();
        assertThat(r.body().size()).isEqualTo(2);
        assertThat(r.raw()).startsWith("{\"expires_in\":86400,\"client_token\":");
    }

    @Test
    void wrongSecretUnknownClientAndBlankValuesAre401Or400() {
        Clients.Client c = clients.register("Wrong secret");
        JsonClient.Reply wrong = clients.requestToken(c.id(), c.secret().replace(c.secret().charAt(0), 'x'), "client");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("INVALID_CLIENT");
        assertThat(clients.requestToken("0123456789abcdef0123456789abcdef01234567", c.secret(), "client").status())
                .isEqualTo(401);
        JsonClient.Reply blank = clients.requestToken("", "", "client");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.errorCode()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aTypeOtherThanClientIs400() {
        Clients.Client c = clients.register("Wrong type");
        JsonClient.Reply r = clients.requestToken(c.id(), c.secret(), "user");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().at("/error/details/0/field").asText()).isEqualTo("type");
        JsonClient.Reply missing = new JsonClient(server.baseUrl()).post("/v1/admin/token",
                "{\"client_id\":" + JsonClient.q(c.id()) + ",\"client_secret\":" + JsonClient.q(c.secret()) + "}");
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void clientTokenActionAnswersTheTokenWithItsLifetime() {
        Clients.Client c = clients.register("Xml token", "clients:read");
        String xml = server.client().call("client-token", "client-id", c.id(), "client-secret", c.secret());

        assertThat(status(xml)).isEqualTo("ok");
        assertThat(xpath(xml, "/results/client-token/@expires-in")).isEqualTo("86400");
        String token = xpath(xml, "/results/client-token");
        assertThat(token).isNotBlank();
        assertThat(status(clients.xml(token).call("client-list"))).isEqualTo("ok");
        assertThat(clients.json(token).get("/resources/clients").status()).isEqualTo(200);
    }

    @Test
    void clientTokenActionWithBadCredentialsIsNoData() {
        Clients.Client c = clients.register("Xml bad");
        assertSimilar("<results><status code=\"no-data\"/></results>",
                server.client().call("client-token", "client-id", c.id(), "client-secret", "not-the-secret"));
        assertSimilar("<results><status code=\"invalid\"><invalid field=\"client-id\" type=\"string\" subcode=\"missing\"/>"
                + "<invalid field=\"client-secret\" type=\"string\" subcode=\"missing\"/></status></results>",
                server.client().call("client-token"));
    }

    @Test
    void theTokenAuthenticatesOnBothFacesAsTheClient() {
        Clients.Client c = clients.register("Both faces");
        String token = clients.token(c);

        JsonClient.Reply me = clients.json(token).get("/resources/me");
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.body().get("name").asText()).isEqualTo("Both faces");
        String info = clients.xml(token).call("common-info");
        assertThat(xpath(info, "/results/common/user/name")).isEqualTo("Both faces");
        BreezeClient.Reply viaCookie = server.client().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.baseUrl() + "/resources/me")).header("Cookie", "BREEZESESSION=" + token).GET());
        assertThat(viaCookie.status()).isEqualTo(200);
        assertThat(viaCookie.body()).contains("Both faces");
    }

    @Test
    void aClientWithoutRolesHoldsNoPermissionAndIsNeverAnAdministrator() {
        Clients.Client c = clients.register("Powerless");
        String token = clients.token(c);
        BreezeClient xml = clients.xml(token);
        JsonClient json = clients.json(token);

        assertSimilar(DENIED, xml.call("principal-update", "type", "group", "has-children", "1", "name", "Hijack"));
        assertSimilar(DENIED, xml.call("principals-delete", "principal-id", "1000001"));
        assertSimilar(DENIED, xml.call("permissions-info", "acl-id", "1"));
        assertSimilar(DENIED, xml.call("client-create", "name", "Child"));
        assertSimilar(DENIED, xml.call("client-list"));
        assertThat(json.get("/resources/iam/principals").status()).isEqualTo(403);
        // Its own users (none yet) it lists with its token alone, as seed 003 says a client token does.
        assertThat(json.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(json.get("/api/v1/users").body().size()).isZero();
        assertThat(json.post("/resources/clients", "{\"name\":\"Child\"}").status()).isEqualTo(403);
    }

    @Test
    void aClientListsTheDirectoryOnlyWhenARoleGrantsIt() {
        String bare = clients.token(clients.register("Bare"));
        assertSimilar(DENIED, clients.xml(bare).call("principal-list", "filter-type", "admins"));
        String lister = clients.token(clients.register("Lister", "directory:list"));
        assertThat(status(clients.xml(lister).call("principal-list", "filter-type", "admins"))).isEqualTo("ok");
    }

    @Test
    void aClientNeverCountsAsAnAdministratorEvenInsideTheAdminsGroup() throws Exception {
        Clients.Client c = clients.register("Sneaky");
        long principalId = dev.breezeway.support.TestPrincipals.queryLong(server,
                "SELECT principal_id FROM api_client WHERE client_id = ?", c.id());
        String admins = new Directory(server).builtIn("admins");
        dev.breezeway.support.TestPrincipals.exec(server, "INSERT INTO group_member (group_id, member_id) VALUES ("
                + Long.parseLong(admins) + ", " + principalId + ")");
        String token = clients.token(c);

        assertSimilar(DENIED, clients.xml(token).call("principal-update", "type", "group", "has-children", "1", "name", "X"));
        assertThat(clients.json(token).get("/resources/iam/principals").status()).isEqualTo(403);
    }

    @Test
    void aClientHoldsWhatItsRolesGrant() {
        Clients.Client c = clients.register("Directory reader", "iam/principals:read");
        JsonClient json = clients.json(clients.token(c));
        assertThat(json.get("/resources/iam/principals").status()).isEqualTo(200);
        assertThat(json.post("/resources/iam/principals/01933e8f-7c45-7123-9abc-123456789abc/suspend", "", "*").status())
                .isEqualTo(403);
    }

    @Test
    void changingTheClientsRolesChangesWhatItsLiveTokensMayDo() {
        Clients.Client c = clients.register("Regranted");
        String token = clients.token(c);
        assertThat(clients.json(token).get("/resources/clients").status()).isEqualTo(403);
        clients.defineRole("regrant:reader", "clients:read");
        clients.admin().call("client-roles-update", "client-id", c.id(), "role", "regrant:reader");
        assertThat(clients.json(token).get("/resources/clients").status()).isEqualTo(200);
    }

    @Test
    void theTokenLivesItsFullDayWithoutUseDespiteTheIdleTimeout() {
        Clients.Client c = clients.register("Idle", "clients:read");
        String token = clients.token(c);
        JsonClient json = clients.json(token);
        BreezeClient user = new Directory(server).plainUser("idle-user@example.com");

        server.clock().advance(Duration.ofHours(3));

        assertSimilar(NO_LOGIN, user.call("principal-list"));
        assertThat(json.get("/resources/clients").status()).isEqualTo(200);
        assertThat(status(clients.xml(token).call("client-list"))).isEqualTo("ok");
    }

    @Test
    void theTokenOutlivesTheMaximumLifetimeOfInteractiveSessions() {
        Clients.Client c = clients.register("Past max", "clients:read");
        String token = clients.token(c);
        server.clock().advance(Duration.ofHours(13));
        assertThat(clients.json(token).get("/resources/clients").status()).isEqualTo(200);
    }

    @Test
    void theTokenExpiresAfter86400Seconds() {
        Clients.Client c = clients.register("Expiring", "clients:read");
        String token = clients.token(c);
        server.clock().advance(Duration.ofSeconds(86_399));
        assertThat(clients.json(token).get("/resources/clients").status()).isEqualTo(200);

        server.clock().advance(Duration.ofSeconds(2));

        JsonClient.Reply expired = clients.json(token).get("/resources/clients");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertSimilar(NO_LOGIN, clients.xml(token).call("client-list"));
        assertThat(clients.json(clients.token(c)).get("/resources/clients").status()).isEqualTo(200);
    }

    @Test
    void rotationEndsEveryTokenAndTheOldSecret() {
        Clients.Client c = clients.register("Rotation", "clients:read");
        String first = clients.token(c);
        String second = clients.token(c);

        String rotated = clients.admin().call("client-rotate", "client-id", c.id());

        assertThat(clients.json(first).get("/resources/clients").status()).isEqualTo(401);
        assertSimilar(NO_LOGIN, clients.xml(second).call("client-list"));
        assertThat(clients.requestToken(c.id(), c.secret(), "client").status()).isEqualTo(401);
        Clients.Client fresh = new Clients.Client(c.id(), xpath(rotated, "/results/client/secret"));
        assertThat(clients.json(clients.token(fresh)).get("/resources/clients").status()).isEqualTo(200);
    }

    @Test
    void revocationEndsEveryTokenAndTheSecretOnBothFaces() {
        Clients.Client c = clients.register("Revocation", "clients:read");
        String token = clients.token(c);

        assertSimilar("<results><status code=\"ok\"/></results>",
                clients.admin().call("client-revoke", "client-id", c.id()));

        assertThat(clients.json(token).get("/resources/clients").status()).isEqualTo(401);
        assertSimilar(NO_LOGIN, clients.xml(token).call("client-list"));
        assertThat(clients.requestToken(c.id(), c.secret(), "client").status()).isEqualTo(401);
        assertSimilar("<results><status code=\"no-data\"/></results>",
                server.client().call("client-token", "client-id", c.id(), "client-secret", c.secret()));
    }

    @Test
    void revokingThroughJsonEndsTokensToo() {
        Clients.Client c = clients.register("Json revocation", "clients:read");
        String token = clients.token(c);
        JsonClient admin = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        assertThat(admin.delete("/resources/clients/" + c.id(), Optional.empty()).status()).isEqualTo(204);
        assertThat(clients.json(token).get("/resources/clients").status()).isEqualTo(401);
    }
}
