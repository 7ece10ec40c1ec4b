package dev.breezeway.auth;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How users sign in besides a password: SSO-only users ({@code passwordLogin: false}) are refused password login on
 * every face, only another user's administrator may set it, and sessions say where they came from
 * ({@code type}, {@code clientId}, {@code clientName}) on both faces.
 */
class SignInHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;
    private static JsonClient json;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = dir.admin();
        json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String uuidOf(String principalId) {
        return xpath(admin.call("principal-modern-info", "principal-id", principalId), "/results/principal-modern/@id");
    }

    /** A PATCH of the principal with the If-Match its current ETag gives. */
    private static JsonClient.Reply patch(JsonClient as, String uuid, String body) {
        Optional<String> etag = as.get("/resources/iam/principals/" + uuid).etag();
        return as.patch("/resources/iam/principals/" + uuid, body, etag);
    }

    private static String xmlLogin(String login) {
        BreezeClient c = server.client();
        return status(c.call("login", "login", login, "password", Directory.USER_PASSWORD));
    }

    @Test
    void anSsoOnlyUserIsRefusedPasswordLoginOnEveryFace() {
        String id = dir.user("sso.only@example.com", "Sso", "Only");
        BreezeClient before = dir.plainUser("sso.only.before@example.com");
        String uuid = uuidOf(id);
        JsonClient live = JsonClient.loggedIn(server, "sso.only@example.com", Directory.USER_PASSWORD);

        JsonClient.Reply patched = patch(json, uuid, "{\"passwordLogin\":false}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().get("passwordLogin").asBoolean()).isFalse();
        assertThat(xmlLogin("sso.only@example.com")).isEqualTo("no-data");
        assertThat(new JsonClient(server.baseUrl()).post("/resources/auth/login",
                "{\"login\":\"sso.only@example.com\",\"password\":\"" + Directory.USER_PASSWORD + "\"}").status())
                .isEqualTo(401);
        assertThat(live.get("/resources/me").status()).as("turning password login off ends the sessions").isEqualTo(401);
        assertThat(status(before.call("common-info"))).isEqualTo("ok");
        assertThat(json.get("/resources/audit-events?kind=principal.sign-in").raw()).contains("sso.only@example.com");

        assertThat(patch(json, uuid, "{\"passwordLogin\":true}")
                .body().get("passwordLogin").asBoolean()).isTrue();
        assertThat(xmlLogin("sso.only@example.com")).isEqualTo("ok");
    }

    @Test
    void nobodyChangesTheirOwnSignInAndAHelpdeskNeedsUsersUpdate() {
        String id = dir.user("self.sign@example.com", "Self", "Sign");
        JsonClient self = JsonClient.loggedIn(server, "self.sign@example.com", Directory.USER_PASSWORD);
        String uuid = uuidOf(id);
        JsonNode mine = json.get("/resources/iam/principals/" + uuid).body();

        assertThat(patch(self, uuid, "{\"extLogin\":\"someone-else\"}")
                .status()).isEqualTo(403);
        assertThat(patch(self, uuid, "{\"passwordLogin\":false}")
                .status()).isEqualTo(403);
        // Sending back what one already has is no change (a detail PATCHed back as it was read).
        assertThat(patch(json, uuid, "{\"passwordLogin\":" + mine.get("passwordLogin")
                + ",\"extLogin\":" + mine.get("extLogin") + "}").status()).isEqualTo(200);
        BreezeClient selfXml = server.client();
        selfXml.login("self.sign@example.com", Directory.USER_PASSWORD);
        assertThat(xpath(selfXml.call("principal-update", "principal-id", id, "ext-login", "CORP\\self"),
                "/results/status/@code")).isEqualTo("no-access");
        assertThat(xpath(admin.call("principal-info", "principal-id", id), "/results/principal/ext-login"))
                .isEqualTo("self.sign@example.com");
        assertThat(patch(json, uuid, "{\"passwordLogin\":\"no\"}")
                .status()).isEqualTo(400);
    }

    @Test
    void anApiClientsTokenSessionSaysWhichClientOpenedIt() {
        String created = admin.call("client-create", "name", "Portal Web App");
        String clientId = xpath(created, "/results/client/@client-id");
        String secret = xpath(created, "/results/client/secret");
        String token = xpath(server.client().call("client-token", "client-id", clientId, "client-secret", secret),
                "/results/client-token");
        BreezeClient api = server.client();
        api.useSession(token);

        String listed = api.call("session-list");
        assertThat(xpath(listed, "/results/sessions/session[@is-current='true']/@type")).as(listed).isEqualTo("api");
        assertThat(xpath(listed, "/results/sessions/session[@is-current='true']/@client-id")).isEqualTo(clientId);
        assertThat(xpath(listed, "/results/sessions/session[@is-current='true']/@client-name")).isEqualTo("Portal Web App");
        JsonClient apiJson = new JsonClient(server.baseUrl());
        apiJson.useToken(token);
        String principal = apiJson.get("/resources/me").body().get("id").asText();
        JsonNode session = apiJson.get("/resources/iam/principals/" + principal + "/sessions").body().get(0);
        assertThat(session.get("type").asText()).isEqualTo("api");
        assertThat(session.get("clientId").asText()).isEqualTo(clientId);
        assertThat(session.get("clientName").asText()).isEqualTo("Portal Web App");

        BreezeClient person = dir.plainUser("interactive.type@example.com");
        assertThat(xpath(person.call("session-list"), "/results/sessions/session[@is-current='true']/@type"))
                .isEqualTo("interactive");
        assertThat(xpath(person.call("session-list"), "/results/sessions/session[@is-current='true']/@client-id"))
                .isEmpty();
    }
}
